import { z } from 'zod';
import { isDivisionCode } from '../divisions/codes.js';
import { type OrganisationKind, organisationKindCodes, residentialKindCodes, subjects } from './kinds.js';

const kindCodes = organisationKindCodes as [OrganisationKind, ...OrganisationKind[]];

export const organisationKindSchema = z.enum(kindCodes);
export const subjectSchema = z.enum(subjects);
export const divisionCodeSchema = z
  .string()
  .refine(isDivisionCode, 'organisations.division_format')
  .meta({ example: '421002000000' });
export const isoDateSchema = z.iso.date({ error: 'organisations.date_format' });

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(60),
  role: z.string().trim().max(60).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,30}$/, 'organisations.phone_format')
    .optional(),
  email: z.email().max(200).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

// Responses are checked on the way out: loose, so a row written by older rules still reads.
const contactViewSchema = z.object({
  name: z.string(),
  role: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});

const organisationFields = {
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(40).nullable(),
  kind: organisationKindSchema,
  divisionCode: divisionCodeSchema,
  parentId: z.uuid().nullable(),
  contacts: z.array(contactSchema).max(20),
  services: z.array(z.string().trim().min(1).max(60)).max(50),
  bedCapacity: z.number().int().min(0).max(100_000).nullable(),
};

export const createOrganisationSchema = z.object({
  ...organisationFields,
  shortName: organisationFields.shortName.optional(),
  parentId: organisationFields.parentId.optional(),
  contacts: organisationFields.contacts.default([]),
  services: organisationFields.services.default([]),
  bedCapacity: organisationFields.bedCapacity.optional().meta({
    description:
      'required (≥ 0) for rescue stations, minor protection centres and child welfare homes; refused for other kinds',
  }),
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

/** Only the fields sent change; `version` is the one the client edited. */
export const updateOrganisationSchema = z.object({
  version: z.number().int().min(1),
  name: organisationFields.name.optional(),
  shortName: organisationFields.shortName.optional(),
  kind: organisationFields.kind.optional(),
  divisionCode: organisationFields.divisionCode.optional(),
  parentId: organisationFields.parentId.optional(),
  contacts: organisationFields.contacts.optional(),
  services: organisationFields.services.optional(),
  bedCapacity: organisationFields.bedCapacity.optional(),
});
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

export const versionBodySchema = z.object({ version: z.number().int().min(1) });

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: organisationKindSchema,
  subject: subjectSchema,
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  contacts: z.array(contactViewSchema),
  services: z.array(z.string()),
  bedCapacity: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const listQuerySchema = z.object({
  kind: organisationKindSchema.optional(),
  subject: subjectSchema.optional(),
  within: divisionCodeSchema.optional().meta({ description: 'only organisations placed in this division or below it' }),
  q: z.string().trim().min(1).max(60).optional().meta({ description: 'part of the name or short name' }),
  active: z.stringbool().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(50).default(20),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const organisationPageSchema = z.object({
  items: z.array(organisationSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type OrganisationPage = z.infer<typeof organisationPageSchema>;

export const setLeadAgencySchema = z.object({
  organisationId: z.uuid(),
  validFrom: isoDateSchema.optional().meta({ description: 'first day this organisation leads; today when left out' }),
  note: z.string().trim().max(500).optional().meta({ description: 'the decision behind it, e.g. a document number' }),
});
export type SetLeadAgencyInput = z.infer<typeof setLeadAgencySchema>;

export const leadPeriodSchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: organisationKindSchema,
  validFrom: z.string(),
  /** Exclusive: the first day it no longer leads. */
  validTo: z.string().nullable(),
  note: z.string().nullable(),
});
export type LeadPeriod = z.infer<typeof leadPeriodSchema>;

export const leadAgencySchema = z.object({
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  /** assigned: a recorded decision; default: civil affairs, as no decision says otherwise; none: no one can be named. */
  source: z.enum(['assigned', 'default', 'none']),
  current: z
    .object({ organisationId: z.string(), organisationName: z.string(), organisationKind: organisationKindSchema })
    .nullable(),
  /** Every recorded period, newest first. */
  history: z.array(leadPeriodSchema),
});
export type LeadAgency = z.infer<typeof leadAgencySchema>;

export const leadListQuerySchema = z.object({
  within: divisionCodeSchema.meta({ description: 'the city or county, or any division above them' }),
});

const tallySchema = z.object({ count: z.number(), beds: z.number() });
const tallyByKindSchema = z.object(
  Object.fromEntries(residentialKindCodes.map((kind) => [kind, tallySchema])) as Record<
    (typeof residentialKindCodes)[number],
    typeof tallySchema
  >,
);
const residentialKindSchema = z.enum(residentialKindCodes);

export const coverageSchema = z.object({
  within: z.string(),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string().nullable(),
      cityCode: z.string(),
      kinds: tallyByKindSchema,
      totalBeds: z.number(),
      missingKinds: z.array(residentialKindSchema),
      gap: z.boolean(),
    }),
  ),
  cityLevel: z.array(
    z.object({
      cityCode: z.string(),
      kinds: tallyByKindSchema,
      totalBeds: z.number(),
      institutions: z.array(z.object({ id: z.string(), name: z.string(), kind: residentialKindSchema })),
    }),
  ),
  twoBrands: z.array(
    z.object({
      cityCode: z.string(),
      stem: z.string(),
      organisations: z.array(
        z.object({ id: z.string(), name: z.string(), kind: residentialKindSchema, divisionCode: z.string() }),
      ),
      sameDivision: z.boolean(),
      sharedPhone: z.boolean(),
    }),
  ),
  gapCount: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;
