import type pg from 'pg';
import { addDays, dayOf } from '../src/demo/synthetic/dates.js';
import { createRng } from '../src/demo/synthetic/prng.js';
import type { RiskGrade } from '../src/features/registry/tables.js';
import type { HomeVisitsTable } from '../src/features/visits/tables.js';
import { openCopy } from './copy.js';

/** A child the village director visits: one with a confirmed category. */
export interface VisitSubject {
  childId: string;
  registeredAt: string;
  riskGrade: RiskGrade | null;
  guardian: string | null;
  relation: string | null;
}

// DOMAIN.md §7/§8 defaults: high weekly, medium-high twice a month, otherwise monthly.
const intervalDays: Record<RiskGrade | 'none', number> = {
  high: 7,
  medium_high: 15,
  medium_low: 30,
  low: 30,
  none: 30,
};
const texts = {
  living: ['吃穿住行基本有保障', '住房老旧，冬季取暖不足', '饮食由祖母照料，营养一般'],
  family: ['父母在外务工，每月电话联系', '母亲离家未归，父亲在外务工', '祖父母年迈，身体尚可'],
  guardianship: ['监护人能履行基本照料责任', '监护人年老体弱，照料不足', '委托照护人责任心较强'],
  stateOfMind: ['情绪稳定，性格开朗', '较内向，少言寡语', '想念父母，偶有哭闹'],
  guardianView: ['希望多些学习辅导', '希望帮助申请低保', '无特别诉求'],
};

/**
 * Home visits going back from `asOf` at the interval of each child's risk grade (never before the
 * child was registered), spread over the subjects until `count` visits exist. The newest visit
 * carries the next due date.
 */
export async function loadVisits(
  pool: pg.Pool,
  options: {
    seed: string;
    asOf: string;
    count: number;
    subjects: readonly VisitSubject[];
    onProgress: (n: number) => void;
  },
): Promise<number> {
  if (options.count === 0 || options.subjects.length === 0) return 0;
  const rng = createRng(`${options.seed}:visits`);
  const columns: (keyof HomeVisitsTable)[] = [
    'id',
    'child_id',
    'visited_on',
    'kind',
    'visitor_name',
    'respondent_name',
    'respondent_relation',
    'last_parent_contact_on',
    'schooling',
    'key_attention',
    'findings',
    'suggestions',
    'risk_grade',
    'next_due_on',
    'created_at',
  ];
  const copy = await openCopy(pool, 'home_visits', columns);
  const perChild = Math.max(1, Math.ceil(options.count / options.subjects.length));
  let made = 0;
  try {
    let rows: object[] = [];
    for (let i = 0; made < options.count; i = (i + 1) % options.subjects.length) {
      const subject = options.subjects[i]!;
      const interval = intervalDays[subject.riskGrade ?? 'none'];
      const newest = addDays(options.asOf, -rng.int(0, interval - 1));
      const visits = Math.min(perChild + rng.int(-1, 1), options.count - made);
      for (let k = 0; k < visits; k += 1) {
        const on = addDays(newest, -k * interval);
        if (dayOf(on) < dayOf(subject.registeredAt)) break;
        const first = k === visits - 1 && dayOf(addDays(on, -interval)) < dayOf(subject.registeredAt);
        rows.push({
          id: rng.uuid(),
          child_id: subject.childId,
          visited_on: on,
          kind: first ? 'first' : rng.chance(0.05) ? 'screening' : 'routine',
          visitor_name: '村儿童主任',
          respondent_name: subject.guardian,
          respondent_relation: subject.relation,
          last_parent_contact_on: addDays(on, -rng.int(1, 60)),
          schooling: rng.pick(['在校', '在校（寄宿）', '学龄前', '辍学']),
          key_attention: subject.riskGrade === 'high' || subject.riskGrade === 'medium_high',
          findings: {
            living: rng.pick(texts.living),
            family: rng.pick(texts.family),
            guardianship: rng.pick(texts.guardianship),
            stateOfMind: rng.pick(texts.stateOfMind),
            guardianView: rng.pick(texts.guardianView),
          },
          suggestions: rng.chance(0.3) ? '加强学习辅导，联系社工定期探访' : null,
          risk_grade: subject.riskGrade,
          next_due_on: k === 0 ? addDays(on, interval) : null,
          created_at: `${on}T10:00:00.000Z`,
        });
        made += 1;
      }
      if (rows.length >= 5000) {
        await copy.write(rows);
        rows = [];
        options.onProgress(made);
      }
    }
    await copy.write(rows);
  } finally {
    await copy.end();
  }
  return copy.rows;
}
