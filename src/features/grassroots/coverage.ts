import { type Kysely, sql } from 'kysely';
import type { Caseload, Coverage } from '../../contract/grassroots/roster.js';
import { childInScope } from '../../core/scope/child-scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateOf } from '../../platform/calendar/index.js';
import type { Database } from '../../platform/db/schema.js';
import { nextMonthStart } from './rules.js';
import { placeInJurisdiction } from './views.js';
import '../../core/clocks/tables.js';
import './tables.js';

type Db = Kysely<Database>;
const listLimit = 200;

/**
 * The gaps of the roster in my area: villages without a director and townships without a
 * supervisor (those with the most children first), directors covering several villages, and
 * children without a responsible director.
 */
export async function coverage(db: Db, actor: Actor): Promise<Coverage> {
  const childCounts = db
    .selectFrom('children')
    .where(childInScope(actor))
    .where('children.status', '=', 'active')
    .select(['children.residence_code as code', sql<number>`count(*)::int`.as('n')])
    .groupBy('children.residence_code');
  const uncovered = async (level: 'village' | 'township', post: string) => {
    const rows = await db
      .selectFrom('divisions as d')
      .leftJoin(childCounts.as('cc'), 'cc.code', 'd.code')
      .select([
        'd.code',
        'd.name',
        sql<number>`COALESCE(${level === 'village' ? sql`cc.n` : sql`(SELECT COALESCE(sum(c2.n), 0) FROM (${childCounts}) c2 WHERE starts_with(c2.code, substr(d.code, 1, 9)))`}, 0)::int`.as(
          'children',
        ),
        sql<number>`count(*) OVER ()::int`.as('total'),
      ])
      .where('d.level', '=', level)
      .where('d.valid_to', 'is', null)
      .where(placeInJurisdiction(actor, 'd.code'))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('grassroots_postings as p')
              .innerJoin('grassroots_staff as s', 's.id', 'p.staff_id')
              .select(sql`1`.as('one'))
              .whereRef('p.division_code', '=', 'd.code')
              .where('p.to_on', 'is', null)
              .where('s.status', '=', 'active')
              .where('s.post', '=', post as 'village_director'),
          ),
        ),
      )
      .orderBy('children', 'desc')
      .orderBy('d.code')
      .limit(listLimit)
      .execute();
    return {
      places: rows.map((r) => ({ code: r.code, name: r.name, activeChildren: r.children })),
      total: rows[0]?.total ?? 0,
    };
  };
  const villages = await uncovered('village', 'village_director');
  const townships = await uncovered('township', 'township_supervisor');
  const several = await db
    .selectFrom('grassroots_staff as s')
    .innerJoin('grassroots_postings as p', 'p.staff_id', 's.id')
    .leftJoin('divisions as d', 'd.code', 'p.division_code')
    .select(['s.id', 's.name', 'p.division_code', 'd.name as place'])
    .where('s.status', '=', 'active')
    .where('s.post', '=', 'village_director')
    .where('p.to_on', 'is', null)
    .where(placeInJurisdiction(actor, 's.division_code'))
    .where(
      's.id',
      'in',
      db
        .selectFrom('grassroots_postings')
        .select('staff_id')
        .where('to_on', 'is', null)
        .groupBy('staff_id')
        .having(sql<boolean>`count(*) > 1`),
    )
    .orderBy('s.name')
    .execute();
  const directors = new Map<string, Coverage['directorsCoveringSeveral'][number]>();
  for (const row of several) {
    const entry = directors.get(row.id) ?? { staffId: row.id, name: row.name, villages: [] };
    entry.villages.push({ code: row.division_code, name: row.place ?? row.division_code });
    directors.set(row.id, entry);
  }
  const without = await db
    .selectFrom('children')
    .where(childInScope(actor))
    .where('children.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('child_assignments as a')
            .select(sql`1`.as('one'))
            .whereRef('a.child_id', '=', 'children.id')
            .where('a.to_at', 'is', null),
        ),
      ),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return {
    villagesWithoutDirector: villages.places,
    villagesWithoutDirectorTotal: villages.total,
    townshipsWithoutSupervisor: townships.places,
    townshipsWithoutSupervisorTotal: townships.total,
    directorsCoveringSeveral: [...directors.values()],
    childrenWithoutDirector: without.n,
  };
}

/**
 * Caseload of each active director in my area (children assigned, of them high-risk, visits due
 * this month and overdue) and its distribution by county — the numbers of the paper's §4.2.2.
 */
export async function caseload(db: Db, actor: Actor, now: Date): Promise<Caseload> {
  const today = shanghaiDateOf(now);
  const monthEnd = new Date(`${nextMonthStart(today)}T00:00:00+08:00`);
  const rows = await db
    .selectFrom('grassroots_staff as s')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('child_assignments as a')
          .innerJoin('children', 'children.id', 'a.child_id')
          .where(childInScope(actor))
          .where('a.to_at', 'is', null)
          .where('children.status', '=', 'active')
          .select([
            'a.staff_id',
            sql<number>`count(*)::int`.as('children'),
            sql<number>`count(*) FILTER (WHERE children.risk_grade = 'high')::int`.as('high'),
            sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM clocks k WHERE k.child_id = children.id AND k.subject_type = 'visit' AND k.state = 'running' AND k.due_at < ${monthEnd}))::int`.as(
              'due',
            ),
            sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM clocks k WHERE k.child_id = children.id AND k.subject_type = 'visit' AND k.state = 'running' AND k.due_at < ${now}))::int`.as(
              'overdue',
            ),
          ])
          .groupBy('a.staff_id')
          .as('load'),
      (join) => join.onRef('load.staff_id', '=', 's.id'),
    )
    .select([
      's.id',
      's.name',
      's.division_code',
      's.employment',
      sql<number>`COALESCE(load.children, 0)`.as('children'),
      sql<number>`COALESCE(load.high, 0)`.as('high'),
      sql<number>`COALESCE(load.due, 0)`.as('due'),
      sql<number>`COALESCE(load.overdue, 0)`.as('overdue'),
    ])
    .where('s.status', '=', 'active')
    .where('s.post', '=', 'village_director')
    .where(placeInJurisdiction(actor, 's.division_code'))
    .orderBy('children', 'desc')
    .limit(2000)
    .execute();
  const counties = new Map<string, Caseload['counties'][number]>();
  for (const r of rows) {
    const code = `${r.division_code.slice(0, 6)}000000`;
    const c = counties.get(code) ?? {
      countyCode: code,
      countyName: code,
      directors: 0,
      childrenAssigned: 0,
      highRisk: 0,
      visitsDueThisMonth: 0,
      visitsOverdue: 0,
      maxPerDirector: 0,
      meanPerDirector: 0,
    };
    c.directors += 1;
    c.childrenAssigned += r.children;
    c.highRisk += r.high;
    c.visitsDueThisMonth += r.due;
    c.visitsOverdue += r.overdue;
    c.maxPerDirector = Math.max(c.maxPerDirector, r.children);
    counties.set(code, c);
  }
  const names = counties.size
    ? await db
        .selectFrom('divisions')
        .select(['code', 'name'])
        .where('code', 'in', [...counties.keys()])
        .execute()
    : [];
  for (const c of counties.values()) {
    c.countyName = names.find((n) => n.code === c.countyCode)?.name ?? c.countyCode;
    c.meanPerDirector = Math.round((c.childrenAssigned / c.directors) * 10) / 10;
  }
  return {
    month: today.slice(0, 7),
    directors: rows.map((r) => ({
      staffId: r.id,
      name: r.name,
      divisionCode: r.division_code,
      employment: r.employment,
      childrenAssigned: r.children,
      highRisk: r.high,
      visitsDueThisMonth: r.due,
      visitsOverdue: r.overdue,
    })),
    counties: [...counties.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
  };
}
