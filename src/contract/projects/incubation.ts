import { z } from 'zod';
import { serviceCodes } from '../service-matrix/vocabulary.js';
import { fenSchema } from './projects.js';

/*
 * Incubation of children's social organisations (§4.3.1, issue 19): an organisation being incubated by
 * an incubator, followed by the civil-affairs officer of its county through milestones and the support
 * it received, to its outcome — registered as a social organisation, or ended. Pure.
 */

/** Invariant 3: incubating → registered | ended (the status is a fold over the log). */
export const incubationStatuses = ['incubating', 'registered', 'ended'] as const;
export type IncubationStatus = (typeof incubationStatuses)[number];
export const incubationStatusLabels: Record<IncubationStatus, { zh: string; en: string }> = {
  incubating: { zh: '孵化中', en: 'Incubating' },
  registered: { zh: '已登记为社会组织', en: 'Registered as a social organisation' },
  ended: { zh: '孵化终止', en: 'Ended' },
};

export const incubationActionTypes = ['start', 'record_milestone', 'record_support', 'register', 'end'] as const;
export type IncubationActionType = (typeof incubationActionTypes)[number];
export type IncubationUserAction = Exclude<IncubationActionType, 'start'>;
export const incubationActionLabels: Record<IncubationActionType, { zh: string; en: string }> = {
  start: { zh: '开始孵化', en: 'Incubation started' },
  record_milestone: { zh: '记录阶段进展', en: 'Milestone reached' },
  record_support: { zh: '记录扶持', en: 'Support given' },
  register: { zh: '登记为社会组织', en: 'Registered' },
  end: { zh: '终止孵化', en: 'Ended' },
};

/** What an incubator gives. Seed funding carries an amount in fen. */
export const incubationSupportKinds = {
  training: { zh: '能力培训', en: 'Training' },
  premises: { zh: '办公场地', en: 'Premises' },
  seed_funding: { zh: '种子资金', en: 'Seed funding' },
  mentoring: { zh: '导师陪伴', en: 'Mentoring' },
} as const;
export type IncubationSupportKind = keyof typeof incubationSupportKinds;
export const incubationSupportCodes = Object.keys(incubationSupportKinds) as IncubationSupportKind[];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date({ error: 'projects.date_format' });
const seq = z.number().int().min(0);

export const startIncubationSchema = z.object({
  /** The organisation being incubated (often not registered yet, so a name). */
  name: text(100),
  /** The incubator: a civil-affairs incubation base or an established social organisation. */
  incubator: text(100),
  /** The county (or a place in it) the organisation will serve; inside the officer's jurisdiction. */
  divisionCode: z.string().regex(/^\d{12}$/, { error: 'projects.division_format' }),
  startsOn: isoDate,
  plannedEndOn: isoDate,
  services: z.array(z.enum(serviceCodes)).max(20).default([]),
  note: z.string().trim().max(500).optional(),
});
export type StartIncubationInput = z.infer<typeof startIncubationSchema>;

export const incubationActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('record_milestone'), expectedSeq: seq, title: text(200), reachedOn: isoDate }),
  z.object({
    type: z.literal('record_support'),
    expectedSeq: seq,
    kind: z.enum(incubationSupportCodes),
    givenOn: isoDate,
    /** Seed funding only (fen); refused on other kinds. */
    amountFen: fenSchema.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({
    type: z.literal('register'),
    expectedSeq: seq,
    registeredOn: isoDate,
    /** The unified social credit code (统一社会信用代码) or the registration number. */
    registrationNumber: text(40),
  }),
  z.object({ type: z.literal('end'), expectedSeq: seq, endedOn: isoDate, reason: text(500) }),
]);
export type IncubationActionInput = z.infer<typeof incubationActionSchema>;

export const incubationViewSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  status: z.enum(incubationStatuses),
  name: z.string(),
  incubator: z.string(),
  divisionCode: z.string(),
  county: z.object({ code: z.string(), name: z.string() }),
  startsOn: z.string(),
  plannedEndOn: z.string(),
  /** Still incubating after its planned end. */
  overdue: z.boolean(),
  services: z.array(z.enum(serviceCodes)),
  note: z.string().nullable(),
  milestones: z.array(z.object({ title: z.string(), reachedOn: z.string() })),
  support: z.array(
    z.object({
      kind: z.enum(incubationSupportCodes),
      givenOn: z.string(),
      amountFen: z.number().int().nullable(),
      note: z.string().nullable(),
    }),
  ),
  seedFundingFen: z.number().int(),
  outcome: z
    .object({
      on: z.string(),
      registrationNumber: z.string().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
  log: z.array(
    z.object({ seq: z.number().int(), type: z.enum(incubationActionTypes), by: z.string(), at: z.string() }),
  ),
  recordedBy: z.string(),
  mayAct: z.boolean(),
  allowedActions: z.array(z.enum(['record_milestone', 'record_support', 'register', 'end'])),
});
export type IncubationView = z.infer<typeof incubationViewSchema>;

export const incubationListSchema = z.object({
  incubations: z.array(incubationViewSchema),
  /** Counties of the reader's area where an organisation is being incubated now. */
  countiesIncubating: z.array(z.object({ code: z.string(), name: z.string(), incubating: z.number().int() })),
});
export type IncubationList = z.infer<typeof incubationListSchema>;
