import { z } from 'zod';
import { rangeIsEmpty } from './range.js';

/** A point in time: an ISO instant with offset, or a calendar day (read in China Standard Time). */
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'audit.instant_invalid' });

const filterFields = {
  userId: z.uuid().optional(),
  /** Free text matched against the actor's label ("张伟 (沙市区民政局)"). */
  actor: z.string().trim().min(1).max(100).optional(),
  organisationId: z.uuid().optional(),
  childId: z.uuid().optional(),
  /** The child by the file number a person reads on screen (HV…), instead of the child's id. */
  childCode: z
    .string()
    .trim()
    .regex(/^HV[0-9A-Z]{4,30}$/i, { error: 'audit.child_code_invalid' })
    .transform((code) => code.toUpperCase())
    .optional(),
  /** An exact action, or a prefix ending in '.' or '.*' such as `auth.`. */
  action: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]+\*?$/, { error: 'audit.action_invalid' })
    .max(100)
    .optional(),
  entityType: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: instant.optional(),
  to: instant.optional(),
};

const rangeInOrder = (value: { from?: string | undefined; to?: string | undefined }) =>
  value.from === undefined || value.to === undefined || !rangeIsEmpty(value.from, value.to);

export const auditFilterSchema = z
  .object(filterFields)
  .refine(rangeInOrder, { error: 'audit.range_invalid', path: ['to'] });

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditSearchSchema = z
  .object({
    ...filterFields,
    /** Keyset paging: rows older than this id. Takes precedence over `page`. */
    before: z
      .string()
      .regex(/^[1-9]\d{0,17}$/, { error: 'audit.cursor_invalid' })
      .optional(),
    page: z.coerce.number().int().min(1).max(5000).default(1),
  })
  .refine(rangeInOrder, { error: 'audit.range_invalid', path: ['to'] });

export type AuditSearch = z.infer<typeof auditSearchSchema>;

export const auditPageSize = 20;

export const auditEntryViewSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorLabel: z.string(),
  actorUserId: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  childId: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The record by its human reference: a case or report number, a file number, a person's or organisation's name. */
  entityRef: z.string().nullable(),
  /** The child by the file number (HV…). */
  childRef: z.string().nullable(),
});

export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditSearchResultSchema = z.object({
  rows: z.array(auditEntryViewSchema),
  total: z.number().int(),
  /** The page number asked for; null when paging by `before`. */
  page: z.number().int().nullable(),
  pageSize: z.number().int(),
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});

export type AuditSearchResult = z.infer<typeof auditSearchResultSchema>;
