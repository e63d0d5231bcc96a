import { z } from 'zod';
import { categoryCodes, riskGrades } from '../registry/vocabulary.js';

/*
 * Hubei DB42/T 1969-2023 《困境儿童家庭监护能力评估》 (drafted in Jingzhou): 3 first-level indicators,
 * 11 second-level, 20 items, 66 scoring rules (the answers an item can take). The codes are fixed
 * here (the API and the form speak them); the points of each answer, the weights of the indicators,
 * the cut-offs and the grades some answers force are RULE DATA (`guardianshipRulesSchema`, rule
 * section `assessments`), editable per division. The standard's own cut-off scores are not public:
 * the defaults below are Haven's, chosen so that each grade needs a clear shortfall, and must be
 * replaced by the county's when it has them.
 */

export const firstLevelIndicators = ['child_growth', 'guardian_capacity', 'guardianship_conditions'] as const;
export type FirstLevelIndicator = (typeof firstLevelIndicators)[number];

export const secondLevelIndicators = [
  'physical_health',
  'mental_health',
  'safety',
  'education',
  'social_participation',
  'guardian_health',
  'income',
  'emotional_communication',
  'living_environment',
  'neighbour_relations',
  'relative_relations',
] as const;
export type SecondLevelIndicator = (typeof secondLevelIndicators)[number];

/** Which first-level indicator each second-level one belongs to. */
export const indicatorParent: Record<SecondLevelIndicator, FirstLevelIndicator> = {
  physical_health: 'child_growth',
  mental_health: 'child_growth',
  safety: 'child_growth',
  education: 'child_growth',
  social_participation: 'child_growth',
  guardian_health: 'guardian_capacity',
  income: 'guardian_capacity',
  emotional_communication: 'guardian_capacity',
  living_environment: 'guardianship_conditions',
  neighbour_relations: 'guardianship_conditions',
  relative_relations: 'guardianship_conditions',
};

/**
 * The 20 items, each under its second-level indicator, with the answers it may take from the best
 * to the worst (4 answers for six items, 3 for fourteen: 66 scoring rules).
 */
export const assessmentItems = {
  growth: { indicator: 'physical_health', answers: ['normal', 'slightly_delayed', 'clearly_delayed'] },
  illness: { indicator: 'physical_health', answers: ['none', 'treated', 'untreated', 'severe_untreated'] },
  emotions: { indicator: 'mental_health', answers: ['stable', 'occasional_distress', 'persistent_distress'] },
  behaviour: { indicator: 'mental_health', answers: ['normal', 'some_problems', 'serious_problems'] },
  harm: { indicator: 'safety', answers: ['none', 'risk_outside_family', 'neglected', 'harmed_by_guardian'] },
  supervision: { indicator: 'safety', answers: ['daily', 'intermittent', 'none'] },
  home_safety: { indicator: 'safety', answers: ['safe', 'hazards', 'dangerous'] },
  schooling: { indicator: 'education', answers: ['attending', 'irregular', 'dropped_out'] },
  study_support: { indicator: 'education', answers: ['supported', 'little', 'none'] },
  peers: { indicator: 'social_participation', answers: ['active', 'limited', 'isolated'] },
  guardian_physical: { indicator: 'guardian_health', answers: ['healthy', 'ill_but_able', 'seriously_ill', 'unable'] },
  guardian_conduct: {
    indicator: 'guardian_health',
    answers: ['no_problem', 'occasional', 'addiction_or_violence', 'detained_or_absent'],
  },
  income_level: { indicator: 'income', answers: ['stable', 'low', 'none'] },
  basic_needs: { indicator: 'income', answers: ['met', 'partly_met', 'unmet'] },
  communication: { indicator: 'emotional_communication', answers: ['regular', 'occasional', 'rare', 'none'] },
  awareness: { indicator: 'emotional_communication', answers: ['good', 'partial', 'none'] },
  housing: { indicator: 'living_environment', answers: ['adequate', 'crowded_or_poor', 'unsafe_or_none'] },
  hygiene: { indicator: 'living_environment', answers: ['clean', 'poor', 'harmful'] },
  neighbours: { indicator: 'neighbour_relations', answers: ['supportive', 'distant', 'hostile', 'none'] },
  relatives: { indicator: 'relative_relations', answers: ['supportive', 'occasional', 'none'] },
} as const satisfies Record<string, { indicator: SecondLevelIndicator; answers: readonly string[] }>;
export type AssessmentItem = keyof typeof assessmentItems;
export const assessmentItemCodes = Object.keys(assessmentItems) as AssessmentItem[];

/** The four grades of the standard, from the worst. */
export const guardianshipGrades = ['missing', 'improper', 'insufficient', 'normal'] as const;
export type GuardianshipGrade = (typeof guardianshipGrades)[number];

/** The standard's follow-up for each grade (what Haven raises or suggests). */
export const guardianshipFollowUps = {
  missing: ['report_civil_affairs', 'consider_revocation', 'guidance', 'family_care', 'parenting_education'],
  improper: ['guidance', 'parenting_education', 'reassess_in_6_months'],
  insufficient: ['support_services', 'regular_visits'],
  normal: ['routine_care'],
} as const satisfies Record<GuardianshipGrade, readonly string[]>;
export type GuardianshipFollowUp = (typeof guardianshipFollowUps)[GuardianshipGrade][number];

const points = (...values: number[]) => z.array(z.number().min(0).max(100)).length(values.length).default(values);

/**
 * The scoring rules as rule data: points per answer (best first), the weight of each second-level
 * indicator (its share of 100), the percentages at or above which each grade applies, answers that
 * force a grade at most as good as named, and the risk grade each guardianship grade sets.
 */
export const guardianshipRulesSchema = z.object({
  /** Said on every answer: the published cut-offs are not public; these are Haven's defaults. */
  cutOffsSource: z.string().max(200).default('haven-default: DB42/T 1969-2023 does not publish its cut-off scores'),
  points: z
    .object({
      growth: points(3, 1, 0),
      illness: points(3, 2, 1, 0),
      emotions: points(3, 1, 0),
      behaviour: points(3, 1, 0),
      harm: points(3, 2, 1, 0),
      supervision: points(3, 1, 0),
      home_safety: points(3, 1, 0),
      schooling: points(3, 1, 0),
      study_support: points(3, 1, 0),
      peers: points(3, 1, 0),
      guardian_physical: points(3, 2, 1, 0),
      guardian_conduct: points(3, 2, 1, 0),
      income_level: points(3, 1, 0),
      basic_needs: points(3, 1, 0),
      communication: points(3, 2, 1, 0),
      awareness: points(3, 1, 0),
      housing: points(3, 1, 0),
      hygiene: points(3, 1, 0),
      neighbours: points(3, 2, 1, 0),
      relatives: points(3, 1, 0),
    })
    .prefault({}),
  weights: z
    .object({
      physical_health: z.number().min(0).default(8),
      mental_health: z.number().min(0).default(8),
      safety: z.number().min(0).default(16),
      education: z.number().min(0).default(8),
      social_participation: z.number().min(0).default(5),
      guardian_health: z.number().min(0).default(12),
      income: z.number().min(0).default(10),
      emotional_communication: z.number().min(0).default(10),
      living_environment: z.number().min(0).default(10),
      neighbour_relations: z.number().min(0).default(5),
      relative_relations: z.number().min(0).default(8),
    })
    .prefault({}),
  /** Weighted percentage (0–100) at or above which the grade applies; below `improper` → missing. */
  cutOffs: z
    .object({
      normal: z.number().min(0).max(100).default(80),
      insufficient: z.number().min(0).max(100).default(60),
      improper: z.number().min(0).max(100).default(40),
    })
    .prefault({}),
  /** Answers that cap the grade whatever the score (harm by the guardian, a child left without care). */
  caps: z.array(z.object({ item: z.string(), answer: z.string(), grade: z.enum(guardianshipGrades) })).default([
    { item: 'harm', answer: 'harmed_by_guardian', grade: 'missing' },
    { item: 'supervision', answer: 'none', grade: 'missing' },
    { item: 'guardian_conduct', answer: 'detained_or_absent', grade: 'improper' },
    { item: 'harm', answer: 'neglected', grade: 'improper' },
  ]),
  riskGradeOf: z
    .object({
      missing: z.enum(riskGrades).default('high'),
      improper: z.enum(riskGrades).default('medium_high'),
      insufficient: z.enum(riskGrades).default('medium_low'),
      normal: z.enum(riskGrades).default('low'),
    })
    .prefault({}),
  /** At least every N days for the categories named (scattered orphans, de facto unsupported). */
  periodicEveryDays: z.number().int().min(30).max(1461).default(730),
  periodicCategories: z.array(z.enum(categoryCodes)).default(['orphan', 'de_facto_unsupported']),
  /** Working days to assess after a risk clue (a key-attention visit, a report about the child). */
  riskClueWorkingDays: z.number().int().min(1).max(60).default(5),
});
export type GuardianshipRules = z.output<typeof guardianshipRulesSchema>;
