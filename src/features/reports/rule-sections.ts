import { z } from 'zod';
import { type ServiceCode, serviceCodes } from '../../contract/service-matrix/vocabulary.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * What a report implies for the responsibility matrix: situation number (DOMAIN.md §3) → the
 * catalogue services whose leading organisations in the county receive the report too. Defaults:
 * (6) abandonment or long-term lack of care — the unguarded child — needs temporary care; (7) unknown
 * origin, missing, trafficked and (8) organised begging — the street child — need the street
 * children's shelter. The other situations are for police and civil affairs (the statutory receivers).
 */
export const defaultMatrixServices: Partial<Record<string, ServiceCode[]>> = {
  '6': ['temporary_care'],
  '7': ['street_children_shelter'],
  '8': ['street_children_shelter'],
};

/**
 * Routing and deadlines of mandatory reports (DOMAIN.md §3–§4). Police always receive a report;
 * the Minor Protection Law adds civil affairs and education, which a place may configure.
 */
export const reportRules = ruleSection(
  'reports',
  z.object({
    civilAffairs: z.boolean().default(true),
    education: z.boolean().default(false),
    township: z.boolean().default(true),
    village: z.boolean().default(true),
    /** Receivers that see who reported (to call back and investigate); police always do. */
    seesReporter: z.array(z.enum(['civil_affairs', 'education', 'township', 'village'])).default(['civil_affairs']),
    acknowledgeMinutesDanger: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    acknowledgeMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .default(480),
    emergencyResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(120),
    attachmentMaxBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    matrixServices: z
      .partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9']), z.array(z.enum(serviceCodes)).max(5))
      .default(() => structuredClone(defaultMatrixServices)),
    attachmentMaxCount: z.number().int().min(0).max(10).default(5),
  }),
);
