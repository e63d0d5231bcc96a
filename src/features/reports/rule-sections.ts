import { z } from 'zod';
import { ruleSection } from '../../platform/rules/rule-set.js';

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
    attachmentMaxCount: z.number().int().min(0).max(10).default(5),
  }),
);
