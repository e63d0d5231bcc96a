import type { Kysely } from 'kysely';
import type { Actor } from '../../../src/platform/access/actor.js';
import type { Database } from '../../../src/platform/db/schema.js';
import {
  type ActionInput,
  actionInputSchema,
  type CaseView,
  openCaseSchema,
} from '../../../src/features/cases/model.js';
import { actOnCase, openCase } from '../../../src/features/cases/service.js';
import type { RecordedReport } from '../../../src/features/reports/record.js';
import { submitReportSchema } from '../../../src/features/reports/model.js';
import { submitReport } from '../../../src/features/reports/service.js';
import { places } from './places.js';
import type { Sequence } from './sequence.js';

export interface ReportOverrides {
  channel?: 'hotline' | 'mandated' | 'staff';
  childId?: string | null;
  divisionCode?: string;
  situations?: number[];
  description?: string;
  immediateDanger?: boolean;
  unknownChild?: string;
  address?: string;
  knewAt?: string;
}

/** A report submitted through the reports use case, as the submitter's form sends it. */
export async function makeReport(
  db: Kysely<Database>,
  actor: Actor,
  sequence: Sequence,
  overrides: ReportOverrides = {},
): Promise<RecordedReport> {
  const n = sequence.take();
  const { channel = 'staff', ...rest } = overrides;
  const byChannel =
    channel === 'hotline'
      ? { channel, line: '12338', caller: { anonymous: true } }
      : channel === 'mandated'
        ? { channel, knewAt: overrides.knewAt ?? new Date().toISOString() }
        : { channel };
  const input = submitReportSchema.parse({
    situations: [1],
    description: `测试报告 ${n}：孩子独自在家，无人照料。`,
    divisionCode: places.chenlong,
    immediateDanger: false,
    ...byChannel,
    ...rest,
  });
  return (await submitReport(db, actor, input)).report;
}

/** A case opened through the cases use case (for a registered child, or from reports). */
export async function makeCase(
  db: Kysely<Database>,
  actor: Actor,
  input: { childId?: string; reportIds?: string[]; participantIds?: string[]; reason?: string },
): Promise<CaseView> {
  return (await openCase(db, actor, openCaseSchema.parse(input))).view;
}

type ActionBody = ActionInput extends unknown ? DistributiveOmit<ActionInput, 'expectedSeq'> : never;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One action on a case at its current sequence number, through the cases use case. */
export async function makeCaseAction(
  db: Kysely<Database>,
  actor: Actor,
  kase: Pick<CaseView, 'id' | 'seq'>,
  action: ActionBody,
): Promise<CaseView> {
  const input = actionInputSchema.parse({ ...action, expectedSeq: kase.seq });
  return (await actOnCase(db, actor, kase.id, input)).view;
}
