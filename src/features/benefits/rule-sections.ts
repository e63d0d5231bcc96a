import { z } from 'zod';
import { categoryCodes } from '../../contract/registry/vocabulary.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const standard = z.object({ from: isoDate, monthlyFen: z.number().int().min(0).max(10_000_000) });
const history = (from: string, monthlyFen: number) => [{ from, monthlyFen }];

/*
 * PLACEHOLDER figures, not Hubei's published ones (none were found in the seed or the shared
 * documents, nor by a search of stored public pages in session 13, which found only the national
 * floors of 2010; see docs/architecture.md § Benefits): the monthly standards as editable defaults
 * (fen, from their effective dates). They are data: a province, city or county publishes its own
 * with `haven rules publish`, dated, and the application stores the rule-set version it was
 * decided under.
 */
const hubeiStandards: Record<string, { from: string; monthlyFen: number }[]> = {
  '201': history('2024-01-01', 130_000),
  '202': history('2024-01-01', 178_000),
  '120': history('2024-01-01', 130_000),
  '121': history('2024-01-01', 178_000),
  '300': history('2024-01-01', 130_000),
  '205': history('2024-01-01', 83_300),
  'local.dibao_child_addon': history('2024-01-01', 15_000),
  'local.medical_assistance': history('2024-01-01', 0),
  'local.education_assistance': history('2024-01-01', 20_000),
};

const localType = z.object({
  code: z.string().regex(/^local\.[a-z][a-z0-9_]{1,40}$/),
  zh: z.string().min(1).max(60),
  en: z.string().min(1).max(80),
  category: z.enum(categoryCodes).nullable(),
});

/**
 * Benefit applications (DOMAIN.md §2, §4): township verification and county decision in working
 * days (15 + 15 by default; one district uses 10 + 5), the monthly standard per benefit and date,
 * and the local benefit types a place adds to the national ones.
 */
export const benefitRules = ruleSection(
  'benefits',
  z.object({
    verificationWorkingDays: z.number().int().min(1).max(60).default(15),
    decisionWorkingDays: z.number().int().min(1).max(60).default(15),
    /** The county's time to review an approved benefit whose basis a confirmed fact removed. */
    reviewWorkingDays: z.number().int().min(1).max(60).default(15),
    standards: z.record(z.string(), z.array(standard).min(1).max(50)).default(hubeiStandards),
    localTypes: z
      .array(localType)
      .max(30)
      .default([
        {
          code: 'local.dibao_child_addon',
          zh: '低保/特困儿童附加补助',
          en: 'Dibao/tekun child add-on',
          category: 'poverty',
        },
        { code: 'local.medical_assistance', zh: '儿童医疗救助', en: 'Medical assistance', category: null },
        { code: 'local.education_assistance', zh: '儿童教育资助', en: 'Education assistance', category: null },
      ]),
    /*
     * Benefits paid by difference top-up (就高不就低, 差额补足): a child on several benefits of one
     * group receives the highest standard among them, each benefit paying only the difference
     * above the lower ones.
     */
    topUpGroups: z
      .array(z.array(z.string().min(3).max(50)).min(2).max(20))
      .max(10)
      .default([['201', '202', '120', '121', '300', 'local.dibao_child_addon']]),
    /*
     * An orphan over 18 still in school (DOMAIN.md §8): the renewal's notice before the 18th
     * birthday, how long the county has to renew once over age, and the latest end of a renewal.
     */
    renewal: z
      .object({
        benefitTypes: z.array(z.string()).max(10).default(['201', '202', '205']),
        noticeDays: z.number().int().min(1).max(365).default(90),
        awaitingWorkingDays: z.number().int().min(1).max(120).default(30),
        maxAge: z.number().int().min(18).max(25).default(22),
      })
      .prefault({}),
  }),
);
export type BenefitRules = z.output<typeof benefitRules.schema>;
