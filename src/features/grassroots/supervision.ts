import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type {
  RecordSupervisionInput,
  SupervisionByDirector,
  SupervisionEntry,
} from '../../contract/grassroots/supervision.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { translate } from '../../platform/i18n/translate.js';
import { ruleSetFor } from '../../platform/rules/store.js';
import { inJurisdiction } from './access.js';
import './messages.js';
import './supervision-tables.js';
import './tables.js';
import { placeInJurisdiction } from './views.js';
import { grassrootsRules } from './rule-sections.js';
import { supervisorOf } from './supervision-access.js';
import { followUpStates, startFollowUpClock } from './supervision-follow-ups.js';
import { addDays } from './rules.js';

/* The township supervisor's supervision log (督导日志): checks of village directors' work, per director. */

type Db = Kysely<Database>;

const dateProblem = (code: string, path: string, params: Record<string, string>) =>
  new DomainError(code, 400, params, [{ path, code, params }]);

/**
 * Records a check of a village director in my area: by a township supervisor whose township holds the
 * village checked, or an officer who manages the roster (else 403). The village must be one the
 * director covers (400); a date in the future, or a follow-up due before the check → 400.
 */
export async function recordSupervisionIn(
  uow: UnitOfWork,
  directorStaffId: string,
  input: RecordSupervisionInput,
  at: Date,
): Promise<string> {
  const { trx, actor } = uow;
  const director = await trx
    .selectFrom('grassroots_staff')
    .select(['id', 'post', 'status', 'division_code', 'name'])
    .where('id', '=', directorStaffId)
    .executeTakeFirst();
  if (director?.post !== 'village_director' || !inJurisdiction(actor, director.division_code))
    throw notFound(translate(actor.locale, 'grassroots.entity'), directorStaffId);
  if (director.status !== 'active') throw new DomainError('grassroots.staff_removed', 409, { name: director.name });
  const villages = (
    await trx
      .selectFrom('grassroots_postings')
      .select('division_code')
      .where('staff_id', '=', director.id)
      .where('to_on', 'is', null)
      .orderBy('from_on')
      .execute()
  ).map((p) => p.division_code);
  const village = input.divisionCode ?? villages[0] ?? director.division_code;
  if (!villages.includes(village))
    throw dateProblem('grassroots.supervision_village', 'body.divisionCode', { code: village, name: director.name });
  const today = shanghaiDateOf(at);
  if (input.checkedOn > today) throw dateProblem('grassroots.date_future', 'body.checkedOn', { date: input.checkedOn });
  if (input.followUpBy && !input.followUp)
    throw dateProblem('grassroots.supervision_follow_up_missing', 'body.followUp', { date: input.followUpBy });
  if (input.followUpBy && input.followUpBy < input.checkedOn)
    throw dateProblem('grassroots.supervision_follow_up_early', 'body.followUpBy', {
      date: input.followUpBy,
      checkedOn: input.checkedOn,
    });
  const { supervisor, recorder } = await supervisorOf(trx, actor, village);
  const followUpBy =
    input.followUp && !input.followUpBy
      ? addDays(input.checkedOn, (await ruleSetFor(trx, village, today)).get(grassrootsRules).supervisionFollowUpDays)
      : (input.followUpBy ?? null);
  const row = await trx
    .insertInto('supervision_logs')
    .values({
      director_staff_id: director.id,
      supervisor_staff_id: supervisor?.staffId ?? null,
      supervisor_name: recorder,
      division_code: village,
      checked_on: input.checkedOn,
      checked: input.checked,
      checked_note: input.checkedNote ?? null,
      findings: input.findings,
      follow_up: input.followUp ?? null,
      follow_up_by: followUpBy,
      recorded_by: actor.userId,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.followUp && followUpBy)
    await startFollowUpClock(
      trx,
      actor,
      { id: row.id, divisionCode: village, checkedOn: input.checkedOn, followUpBy },
      at,
    );
  uow.audit({
    entityType: 'supervision_log',
    entityId: row.id,
    details: { directorStaffId: director.id, checked: input.checked },
  });
  return row.id;
}

/**
 * The supervision log of my area, per village director (every active director of my area, checked
 * or not, plus any removed one with entries), newest check first; one director with `staffId`.
 */
export async function supervisionByDirector(db: Db, actor: Actor, staffId?: string): Promise<SupervisionByDirector> {
  const directors = await db
    .selectFrom('grassroots_staff as s')
    .select([
      's.id',
      's.name',
      sql<string[]>`coalesce((SELECT array_agg(p.division_code ORDER BY p.from_on) FROM grassroots_postings p
        WHERE p.staff_id = s.id AND p.to_on IS NULL), '{}')`.as('codes'),
    ])
    .where('s.post', '=', 'village_director')
    .where(placeInJurisdiction(actor, 's.division_code'))
    .where((eb) =>
      eb.or([
        eb('s.status', '=', 'active'),
        eb.exists(eb.selectFrom('supervision_logs as l').select('l.id').whereRef('l.director_staff_id', '=', 's.id')),
      ]),
    )
    .$if(Boolean(staffId), (qb) => qb.where('s.id', '=', staffId!))
    .orderBy('s.name')
    .limit(500)
    .execute();
  if (staffId && directors.length === 0) throw notFound(translate(actor.locale, 'grassroots.entity'), staffId);
  const ids = directors.map((d) => d.id);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('supervision_logs as l')
          .selectAll('l')
          .select(
            sql<
              string | null
            >`(SELECT d.name FROM divisions d WHERE d.code = l.division_code AND d.valid_to IS NULL LIMIT 1)`.as(
              'division_name',
            ),
          )
          .where('l.director_staff_id', 'in', ids)
          .where(placeInJurisdiction(actor, 'l.division_code'))
          .orderBy('l.checked_on', 'desc')
          .orderBy('l.recorded_at', 'desc')
          .limit(2000)
          .execute();
  const names = new Map(directors.map((d) => [d.id, d.name]));
  const states = await followUpStates(
    db,
    rows.filter((r) => r.follow_up !== null).map((r) => r.id),
    new Date(),
  );
  const entries: SupervisionEntry[] = rows.map((r) => ({
    id: r.id,
    directorStaffId: r.director_staff_id,
    directorName: names.get(r.director_staff_id) ?? '—',
    supervisorName: r.supervisor_name,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    checkedOn: String(r.checked_on).slice(0, 10),
    checked: r.checked,
    checkedNote: r.checked_note,
    findings: r.findings,
    followUp: r.follow_up,
    followUpBy: r.follow_up_by === null ? null : String(r.follow_up_by).slice(0, 10),
    followUpDueAt: states.get(r.id)?.dueAt ?? null,
    followUpOverdue: states.get(r.id)?.overdue ?? false,
    followUpDone: states.get(r.id)?.done ?? null,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
  return {
    directors: directors.map((d) => {
      const own = entries.filter((e) => e.directorStaffId === d.id);
      return {
        staffId: d.id,
        name: d.name,
        divisionCodes: d.codes,
        lastCheckedOn: own[0]?.checkedOn ?? null,
        entries: own,
      };
    }),
  };
}
