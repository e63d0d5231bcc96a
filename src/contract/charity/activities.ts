import { z } from 'zod';
import { checkStates } from './vocabulary.js';

/*
 * Volunteer activities (issue 19): a group event of an organisation — of a purchased-service project
 * it provides, when named — to which its volunteers are matched by skills and availability; the
 * hours each served are recorded after the day. Pure.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date({ error: 'charity.date_format' });
const age = z.number().int().min(0).max(18);
const checkState = z.enum(Object.keys(checkStates) as [keyof typeof checkStates, ...(keyof typeof checkStates)[]]);

export const createActivitySchema = z
  .object({
    title: text(200),
    heldOn: isoDate,
    /** The division where it is held (12 digits), inside the organisation's area. */
    divisionCode: z.string().regex(/^\d{12}$/),
    place: z.string().trim().max(200).optional(),
    skills: z.array(text(40)).max(10).default([]),
    places: z.number().int().min(1).max(500),
    ageFrom: age.optional(),
    ageTo: age.optional(),
    /** A purchased-service project my organisation provides: the hours count toward its outputs. */
    projectId: z.uuid().optional(),
  })
  .refine((a) => a.ageFrom === undefined || a.ageTo === undefined || a.ageFrom <= a.ageTo, {
    error: 'charity.activity_ages',
    path: ['ageTo'],
  });
export type CreateActivityInput = z.infer<typeof createActivitySchema>;

export const matchVolunteerSchema = z.object({ expectedVersion: z.number().int().min(1), volunteerId: z.uuid() });
export type MatchVolunteerInput = z.infer<typeof matchVolunteerSchema>;

export const recordActivityHoursSchema = z.object({
  expectedVersion: z.number().int().min(1),
  hours: z
    .array(z.object({ volunteerId: z.uuid(), hours: z.number().int().min(1).max(24) }))
    .min(1)
    .max(200),
});
export type RecordActivityHoursInput = z.infer<typeof recordActivityHoursSchema>;

export const activityViewSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  heldOn: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  place: z.string().nullable(),
  skills: z.array(z.string()),
  places: z.number().int(),
  ageFrom: z.number().int().nullable(),
  ageTo: z.number().int().nullable(),
  project: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  /** The day has come: hours can be recorded. */
  held: z.boolean(),
  matched: z.array(
    z.object({ volunteerId: z.uuid(), name: z.string(), hours: z.number().int().nullable(), matchedAt: z.string() }),
  ),
  /** My volunteers not matched yet, the best fit first (skills wanted they have; a valid check). */
  candidates: z.array(
    z.object({
      volunteerId: z.uuid(),
      name: z.string(),
      skillsMatched: z.array(z.string()),
      availability: z.string().nullable(),
      check: checkState,
      checkExpiresOn: z.string().nullable(),
    }),
  ),
});
export type ActivityView = z.infer<typeof activityViewSchema>;
export const activityListSchema = z.object({ items: z.array(activityViewSchema) });
