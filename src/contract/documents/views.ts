import { z } from 'zod';
import { documentSubjectCodes, documentTypeCodes, locationOutcomeCodes, mediaTypeCodes } from './vocabulary.js';

/* Documents on a child's file: the upload's parameters, the answers. Pure. */

/** The upload travels as the raw body (its Content-Type the declared media type); these are its query parameters. */
export const uploadDocumentQuerySchema = z.object({
  type: z.enum(documentTypeCodes),
  fileName: z.string().trim().min(1).max(200),
  title: z.string().trim().max(200).optional(),
  subjectType: z.enum(documentSubjectCodes).optional(),
  subjectId: z.uuid().optional(),
});
export type UploadDocumentQuery = z.infer<typeof uploadDocumentQuerySchema>;

export const withdrawDocumentSchema = z.object({
  reason: z.string().trim().min(2).max(500),
  version: z.number().int().min(1),
});
export type WithdrawDocumentInput = z.infer<typeof withdrawDocumentSchema>;

export const purgeDocumentSchema = z.object({ reason: z.string().trim().min(2).max(500) });
export type PurgeDocumentInput = z.infer<typeof purgeDocumentSchema>;

export const documentListQuerySchema = z.object({
  /** Withdrawn (and purged) documents too, for their history. */
  withdrawn: z.stringbool().optional(),
  /** Only those of one case, placement or home visit (both or neither). */
  subjectType: z.enum(documentSubjectCodes).optional(),
  subjectId: z.uuid().optional(),
});

const who = z.object({ name: z.string(), at: z.iso.datetime({ offset: true }) });

export const documentViewSchema = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  type: z.enum(documentTypeCodes),
  title: z.string().nullable(),
  fileName: z.string(),
  mediaType: z.enum(mediaTypeCodes),
  sizeBytes: z.number().int(),
  sha256: z.string().length(64),
  subject: z.object({ type: z.enum(documentSubjectCodes), id: z.uuid() }).nullable(),
  location: z.enum(locationOutcomeCodes),
  uploaded: who.extend({ organisation: z.string().nullable() }),
  withdrawn: who.extend({ reason: z.string() }).nullable(),
  purged: who.extend({ reason: z.string() }).nullable(),
  version: z.number().int(),
});
export type DocumentView = z.infer<typeof documentViewSchema>;

export const documentListSchema = z.object({
  items: z.array(documentViewSchema),
  /** What the asker may do here (the web shows only these). */
  canUpload: z.boolean(),
  canPurge: z.boolean(),
  maxBytes: z.number().int(),
  /** The asker sees only the documents a referral shared with its organisation (and those it added). */
  sharedOnly: z.boolean().default(false),
});
export type DocumentList = z.infer<typeof documentListSchema>;

export const contentMismatchDetailsSchema = z.object({ detected: z.string(), declared: z.string() });
export const typeNotAllowedDetailsSchema = z.object({
  detected: z.string(),
  type: z.string(),
  allowed: z.array(z.string()),
});
export const tooLargeDetailsSchema = z.object({ limitBytes: z.number().int(), limitMb: z.number() });
