import { z } from 'zod';
import { escalationTargets } from '../../contract/my-work/clocks.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

/** How far up the division tree a place is: its code's significant digits (village 12 … province 2). */
export const placeLevels = { village: 12, township: 9, county: 6, city: 4, province: 2 } as const;
export type PlaceLevel = keyof typeof placeLevels;

const recipientSchema = z.object({
  /** The place above (or at) the clock's own place where the organisation is looked for. */
  place: z.enum(Object.keys(placeLevels) as [PlaceLevel, ...PlaceLevel[]]),
  /** The organisation kind looked for there (organisations.kind). */
  kind: z.string().min(1).max(64),
  /** The role that reads the alert at that organisation. */
  role: z.string().min(1).max(64),
  /** The place's lead agency (the joint conference office) on the day swept comes first. */
  leadAgency: z.boolean().default(false),
});
export type EscalationRecipient = z.output<typeof recipientSchema>;

const levelSchema = z
  .object({
    target: z.enum(escalationTargets),
    /** Tried in order; the first place that has such an organisation hears of the level. Empty: the clock's owner. */
    recipients: z.array(recipientSchema).max(8),
  })
  .refine((level) => (level.target === 'owner') === (level.recipients.length === 0), {
    message: 'the owner level names no recipients, every other level at least one',
  });
export type EscalationLevel = z.output<typeof levelSchema>;

const villageDirector = { place: 'village', kind: 'village_committee', role: 'village_director' } as const;
const townshipSupervisor = { place: 'township', kind: 'township_government', role: 'township_supervisor' } as const;
const countyCivilAffairs = { place: 'county', kind: 'civil_affairs_bureau', role: 'civil_affairs_officer' } as const;
const cityLeadAgency = {
  place: 'city',
  kind: 'civil_affairs_bureau',
  role: 'civil_affairs_officer',
  leadAgency: true,
} as const;
const provinceCivilAffairs = {
  place: 'province',
  kind: 'civil_affairs_bureau',
  role: 'civil_affairs_officer',
} as const;

/**
 * Level 1 tells the owner at the due time; then the village child welfare director, the township
 * supervisor, the county civil affairs bureau and the joint conference (the city's lead agency, or
 * its civil affairs bureau) in turn. A level whose place has no such organisation goes to the next
 * one up, ending at the province's civil affairs bureau.
 */
export const defaultEscalationChain: EscalationLevel[] = [
  { target: 'owner', recipients: [] },
  {
    target: 'director',
    recipients: [villageDirector, townshipSupervisor, countyCivilAffairs, cityLeadAgency, provinceCivilAffairs].map(
      (r) => ({ leadAgency: false, ...r }),
    ),
  },
  {
    target: 'supervisor',
    recipients: [townshipSupervisor, countyCivilAffairs, cityLeadAgency, provinceCivilAffairs].map((r) => ({
      leadAgency: false,
      ...r,
    })),
  },
  {
    target: 'civil_affairs',
    recipients: [countyCivilAffairs, cityLeadAgency, provinceCivilAffairs].map((r) => ({ leadAgency: false, ...r })),
  },
  {
    target: 'joint_conference',
    recipients: [cityLeadAgency, provinceCivilAffairs].map((r) => ({ leadAgency: false, ...r })),
  },
];

const hoursSchema = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(24 * 365),
  )
  .min(1)
  .max(8)
  .refine((hours) => hours.every((h, i) => i === 0 || h >= hours[i - 1]!), {
    message: 'escalation hours must not decrease',
  });

/**
 * Escalation (invariants 4 and 7). Each clock copies the hours when it starts, so a later change of
 * rules does not rewrite history, and the sweep needs no per-row rule lookup. The chain (who hears
 * of each level) is resolved per division by the sweep on the day it runs: a level reached today
 * goes to today's organisations.
 */
export const clockRules = ruleSection(
  'clocks',
  z
    .object({
      escalationHours: hoursSchema.default([0, 2, 24, 72, 168]),
      escalationChain: z.array(levelSchema).min(1).max(8).default(defaultEscalationChain),
    })
    .refine((rules) => rules.escalationHours.length === rules.escalationChain.length, {
      message: 'one escalation hour per level of the chain',
      path: ['escalationChain'],
    }),
);
export type ClockRules = z.output<typeof clockRules.schema>;
