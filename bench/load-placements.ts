import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { addDays, dayOf } from '../src/demo/synthetic/dates.js';
import { createRng } from '../src/demo/synthetic/prng.js';
import { openCopy } from './copy.js';

/**
 * Placement episodes for `count` episodes over the children (issue 16): most children live at home
 * or with relatives; one in eight passed through an institution (rescue station, protection centre,
 * welfare home) — ended by a transfer home, or still there. Its own random stream
 * (`<seed>:placements`) and its own tables, so the other generators' figures do not change.
 */
export async function loadPlacements(
  pool: pg.Pool,
  options: { seed: string; asOf: string; count: number; onProgress: (n: number) => void },
): Promise<{ placements: number; actions: number }> {
  if (options.count === 0) return { placements: 0, actions: 0 };
  const rng = createRng(`${options.seed}:placements`);
  const institutions = (
    await pool.query<{ id: string; kind: string }>(
      `SELECT id, kind FROM organisations WHERE kind IN ('rescue_station', 'minor_protection_centre', 'child_welfare_home') ORDER BY created_at`,
    )
  ).rows.map((r) => ({
    id: r.id,
    kind:
      r.kind === 'rescue_station'
        ? 'rescue_station'
        : r.kind === 'child_welfare_home'
          ? 'welfare_home'
          : 'protection_centre',
  }));
  const children = (
    await pool.query<{ id: string; residence_code: string; created_at: Date }>(
      `SELECT id, residence_code, created_at FROM children c
       WHERE NOT EXISTS (SELECT 1 FROM placements p WHERE p.child_id = c.id) ORDER BY file_no LIMIT $1`,
      [options.count],
    )
  ).rows;
  const placementColumns = [
    'id',
    'child_id',
    'seq',
    'kind',
    'organisation_id',
    'carer',
    'legal_basis',
    'guardianship_type',
    'guardian_name',
    'reason',
    'handover',
    'child_kinds',
    'division_code',
    'previous_id',
    'started_at',
    'ended_at',
    'end_reason',
  ];
  const actionColumns = ['placement_id', 'seq', 'type', 'status_after', 'payload', 'actor_label', 'occurred_at'];
  const placements = await openCopy(pool, 'placements', placementColumns);
  const actions = await openCopy(pool, 'placement_actions', actionColumns);
  const handover = { from: '基准测试', to: '基准测试', belongings: [], documents: [], notes: null };
  let made = 0;
  let failure: unknown;
  try {
    let episodeRows: object[] = [];
    let actionRows: object[] = [];
    for (const child of children) {
      if (made >= options.count) break;
      const registered = addDays(child.created_at.toISOString().slice(0, 10), rng.int(0, 30));
      const start = dayOf(registered) > dayOf(options.asOf) ? options.asOf : registered;
      const homeEpisode = (id: string, startedAt: string, previous: string | null) => ({
        id,
        child_id: child.id,
        seq: 1,
        kind: rng.int(0, 9) < 8 ? 'home' : 'kinship_care',
        organisation_id: null,
        carer: { name: '监护人', relationship: '父亲', phone: null },
        legal_basis: 'voluntary',
        guardianship_type: 'parents',
        guardian_name: '监护人',
        reason: '与监护人共同生活',
        handover,
        child_kinds: ['uncategorised'],
        division_code: child.residence_code,
        previous_id: previous,
        started_at: `${startedAt}T08:00:00+08:00`,
        ended_at: null,
        end_reason: null,
      });
      const place = (id: string, at: string) => ({
        placement_id: id,
        seq: 1,
        type: 'place',
        status_after: 'current',
        payload: {},
        actor_label: '基准测试',
        occurred_at: `${at}T08:00:00+08:00`,
      });
      if (institutions.length > 0 && rng.int(0, 7) === 0 && made + 2 <= options.count) {
        const institution = institutions[rng.int(0, institutions.length - 1)]!;
        const id = randomUUID();
        const days = institution.kind === 'rescue_station' ? rng.int(1, 20) : rng.int(10, 400);
        const end = addDays(start, days);
        const stays = rng.int(0, 2) === 0 || dayOf(end) > dayOf(options.asOf);
        const ended = stays ? null : end;
        const state = institution.kind === 'welfare_home';
        episodeRows.push({
          ...homeEpisode(id, start, null),
          seq: stays ? 1 : 2,
          kind: institution.kind,
          organisation_id: institution.id,
          carer: null,
          legal_basis: state ? 'long_term_state_guardianship' : 'emergency',
          guardianship_type: state ? 'state_long_term' : 'state_temporary',
          guardian_name: null,
          reason: '基准测试安置',
          ended_at: ended ? `${ended}T08:00:00+08:00` : null,
          end_reason: ended ? 'transferred' : null,
        });
        actionRows.push(place(id, start));
        made += 1;
        if (ended) {
          actionRows.push({ ...place(id, ended), seq: 2, type: 'transfer', status_after: 'ended' });
          const next = randomUUID();
          episodeRows.push(homeEpisode(next, ended, id));
          actionRows.push(place(next, ended));
          made += 1;
        }
      } else {
        const id = randomUUID();
        episodeRows.push(homeEpisode(id, start, null));
        actionRows.push(place(id, start));
        made += 1;
      }
      if (episodeRows.length >= 5000) {
        await placements.write(episodeRows);
        await actions.write(actionRows);
        episodeRows = [];
        actionRows = [];
        options.onProgress(made);
      }
    }
    await placements.write(episodeRows);
    await actions.write(actionRows);
  } catch (error) {
    failure = error;
  }
  // Both streams end whatever happened, so a refused row never leaves a connection in COPY; the
  // first error (a refused row) is the one reported.
  const ended = await Promise.allSettled([placements.end(), actions.end()]);
  if (failure !== undefined) throw failure;
  const failed = ended.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { placements: placements.rows, actions: actions.rows };
}
