import { z } from 'zod';
import { serviceCodes } from '../service-matrix/vocabulary.js';
import { licenceLevelCodes } from './vocabulary.js';

/* Social organisations' capacity and coverage by county (issue 19). Pure. */

const divisionRef = z.object({ code: z.string(), name: z.string() });

export const capacityViewSchema = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.string(), divisionCode: z.string() }),
  /** Accounts of the organisation, and the staff it declares (whichever is larger is shown by the page). */
  accounts: z.number().int(),
  staff: z.number().int(),
  volunteers: z.number().int(),
  socialWorkers: z.array(
    z.object({ id: z.uuid(), personName: z.string(), level: z.enum(licenceLevelCodes), licenceYear: z.number().int() }),
  ),
  /** Services it delivered (referrals accepted) or holds in a project's scope. */
  services: z.array(z.enum(serviceCodes)),
  /** Counties where its recorded work lies (referrals, participation, sessions, visits, project areas). */
  countiesServed: z.array(divisionRef),
  declaredCounties: z.array(divisionRef),
  projects: z.array(z.object({ id: z.uuid(), title: z.string(), startsOn: z.string(), endsOn: z.string() })),
  version: z.number().int().nullable(),
  mayEdit: z.boolean(),
});
export type CapacityView = z.infer<typeof capacityViewSchema>;

export const organisationListSchema = z.object({
  organisations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      socialWorkers: z.number().int(),
      volunteers: z.number().int(),
      countiesServed: z.number().int(),
      projects: z.number().int(),
    }),
  ),
});

export const declareCapacitySchema = z.object({
  /** Null for the first declaration, else the version read (stale → 409). */
  expectedVersion: z.number().int().min(1).nullable(),
  staff: z.number().int().min(0).max(100_000),
  volunteers: z.number().int().min(0).max(1_000_000),
  declaredCounties: z.array(z.string().regex(/^\d{12}$/)).max(50),
});
export type DeclareCapacityInput = z.infer<typeof declareCapacitySchema>;

export const addLicenceSchema = z.object({
  personName: z.string().trim().min(1).max(60),
  userId: z.uuid().optional(),
  level: z.enum(licenceLevelCodes),
  licenceYear: z.number().int().min(2008).max(2100),
});
export type AddLicenceInput = z.infer<typeof addLicenceSchema>;

/** Map-ready: one row per county (GB/T 2260 code, name, numbers). */
export const coverageSchema = z.object({
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      children: z.number().int(),
      organisations: z.number().int(),
      /** Organisations per 10,000 children in difficulty, one decimal; null without children. */
      per10k: z.number().nullable(),
      servicesWithoutProvider: z.array(z.enum(serviceCodes)),
      /** Organisations being incubated for this county now (incubation records). */
      incubating: z.number().int(),
    }),
  ),
  countiesWithNone: z.array(divisionRef),
  /** Counties where an incubation is under way, beside those with none. */
  countiesIncubating: z.array(divisionRef.extend({ incubating: z.number().int() })),
});
export type Coverage = z.infer<typeof coverageSchema>;
