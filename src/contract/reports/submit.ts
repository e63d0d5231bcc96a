import { z } from 'zod';
import { hotlineLines } from './vocabulary.js';

/* What is sent to make a report: by a hotline taker, a mandated reporter, staff, or the public page. Pure. */

/**
 * The 12-digit statistical division code (2 province + 2 city + 2 county + 3 township + 3 village).
 * The divisions contract owns this rule; it is repeated here so the reports contract stands alone
 * until the two are merged.
 */
function isDivisionCode(code: string): boolean {
  return /^\d{12}$/.test(code) && !code.startsWith('00');
}

const divisionCodeSchema = z
  .string()
  .refine(isDivisionCode, { error: 'reports.division_format' })
  .meta({ example: '421002101201' });
const phoneSchema = z
  .string()
  .trim()
  .regex(/^[\d +()-]{3,30}$/, { error: 'reports.phone_format' });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const attachmentInputSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes, base64-encoded; the type is read from the content. */
  contentBase64: z.string().min(1),
});
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

const common = {
  situations: z.array(z.number().int().min(1).max(9)).min(1, { error: 'reports.situation_required' }).max(9),
  description: z.string().trim().min(1, { error: 'reports.description_required' }).max(5000),
  childId: z.uuid().nullable().optional(),
  unknownChild: optionalText(1000).meta({ description: 'who the child is, when not (yet) in the registry' }),
  divisionCode: divisionCodeSchema,
  address: optionalText(300),
  immediateDanger: z.boolean(),
  attachments: z.array(attachmentInputSchema).max(10).default([]),
};

export const callerSchema = z.object({
  anonymous: z.boolean(),
  name: optionalText(100),
  relationship: optionalText(100).meta({ description: 'neighbour, teacher, relative…' }),
  callbackPhone: phoneSchema.nullable().optional(),
});
export type CallerInput = z.input<typeof callerSchema>;

export const submitReportSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('hotline'), line: z.enum(hotlineLines), caller: callerSchema, ...common }),
  z.object({ channel: z.literal('mandated'), knewAt: z.iso.datetime({ offset: true }), ...common }),
  z.object({ channel: z.literal('staff'), knewAt: z.iso.datetime({ offset: true }).nullable().optional(), ...common }),
]);
export type SubmitReportInput = z.infer<typeof submitReportSchema>;
/** What the web builds before sending (defaults not yet applied). */
export type SubmitReportBody = z.input<typeof submitReportSchema>;

/** The public page: no sign-in, no child ids; location and description are checked with a clear message. */
export const publicReportSchema = z.object({
  situations: common.situations,
  description: z.string().trim().max(5000).optional(),
  childDescription: optionalText(1000),
  divisionCode: divisionCodeSchema.optional(),
  address: optionalText(300),
  immediateDanger: z.boolean().default(false),
  reporter: callerSchema.default({ anonymous: true }),
  attachments: common.attachments,
});
export type PublicReportInput = z.infer<typeof publicReportSchema>;
export type PublicReportBody = z.input<typeof publicReportSchema>;
