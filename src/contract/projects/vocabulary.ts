/*
 * Purchased services (政府购买服务, issue 19): the indicator kinds, each defined by how it is
 * counted from work recorded in Haven, and the kinds that cannot be counted (refused at
 * definition, named). Session kinds, evaluation stages, licence levels. Pure.
 */

/** Indicators counted from recorded work, inside the project's period and area, by the provider. */
export const indicatorKinds = {
  children_served: {
    zh: '服务儿童数',
    en: 'Children served',
    unit: { zh: '人', en: 'children' },
    source: {
      zh: '承接方接收的转介、其人员的随访与服务记录、其参与中的儿童（去重）',
      en: "Distinct children in the provider's accepted referrals, its people's visits and sessions, and its participation",
    },
  },
  referrals_accepted: {
    zh: '接收转介数',
    en: 'Referrals accepted',
    unit: { zh: '件', en: 'referrals' },
    source: { zh: '承接方在期内接收的转介', en: 'Referrals the provider accepted in the period' },
  },
  referrals_completed: {
    zh: '完成转介数',
    en: 'Referrals completed',
    unit: { zh: '件', en: 'referrals' },
    source: { zh: '承接方在期内办结的转介', en: 'Referrals the provider completed in the period' },
  },
  home_visits: {
    zh: '入户随访次数',
    en: 'Home visits',
    unit: { zh: '次', en: 'visits' },
    source: { zh: '承接方人员记录的入户随访', en: "Home visits recorded by the provider's people" },
  },
  counselling_sessions: {
    zh: '心理辅导次数',
    en: 'Counselling sessions',
    unit: { zh: '次', en: 'sessions' },
    source: { zh: '承接方人员记录的个案辅导', en: "Counselling sessions recorded by the provider's people" },
  },
  family_education_sessions: {
    zh: '家庭教育指导次数',
    en: 'Family-education sessions',
    unit: { zh: '次', en: 'sessions' },
    source: { zh: '承接方人员记录的家庭教育指导', en: "Family-education sessions recorded by the provider's people" },
  },
  training_hours: {
    zh: '培训时长',
    en: 'Training hours',
    unit: { zh: '小时', en: 'hours' },
    source: {
      zh: '承接方人员记录的培训（分钟合计，折算为整小时）',
      en: 'Training recorded by the provider (minutes, in whole hours)',
    },
  },
  volunteer_hours: {
    zh: '志愿服务时长',
    en: 'Volunteer hours',
    unit: { zh: '小时', en: 'hours' },
    source: {
      zh: '志愿者在本项目活动中服务的时长（活动后登记）',
      en: "Hours volunteers served at the project's activities (recorded after each one)",
    },
  },
} as const satisfies Record<
  string,
  { zh: string; en: string; unit: { zh: string; en: string }; source: { zh: string; en: string } }
>;
export type IndicatorKind = keyof typeof indicatorKinds;
export const indicatorKindCodes = Object.keys(indicatorKinds) as [IndicatorKind, ...IndicatorKind[]];

/**
 * Indicators a contract may name that Haven cannot count from recorded work: a target for one of
 * these is refused at definition, naming it and why (Haven records no satisfaction surveys).
 */
export const uncomputableIndicators = {
  satisfaction: {
    zh: '服务满意度',
    en: 'Satisfaction',
    why: { zh: 'Haven 不记录满意度调查', en: 'Haven records no satisfaction surveys' },
  },
  publicity_events: {
    zh: '宣传活动场次',
    en: 'Publicity events',
    why: { zh: 'Haven 不记录宣传活动', en: 'Haven records no publicity events' },
  },
} as const;

export function isIndicatorKind(kind: string): kind is IndicatorKind {
  return Object.hasOwn(indicatorKinds, kind);
}

export const sessionKinds = {
  counselling: { zh: '个案辅导', en: 'Counselling' },
  family_education: { zh: '家庭教育指导', en: 'Family education' },
  group_activity: { zh: '小组活动', en: 'Group activity' },
  training: { zh: '培训', en: 'Training' },
} as const;
export type SessionKind = keyof typeof sessionKinds;
export const sessionKindCodes = Object.keys(sessionKinds) as [SessionKind, ...SessionKind[]];

export const evaluationStages = {
  mid_term: { zh: '中期评估', en: 'Mid-term evaluation' },
  final: { zh: '终期评估', en: 'Final evaluation' },
} as const;
export type EvaluationStage = keyof typeof evaluationStages;
export const evaluationStageCodes = Object.keys(evaluationStages) as [EvaluationStage, ...EvaluationStage[]];

/** 社会工作者职业水平：助理社会工作师、社会工作师、高级社会工作师. */
export const licenceLevels = {
  assistant: { zh: '助理社会工作师', en: 'Assistant social worker' },
  intermediate: { zh: '社会工作师', en: 'Social worker' },
  senior: { zh: '高级社会工作师', en: 'Senior social worker' },
} as const;
export type LicenceLevel = keyof typeof licenceLevels;
export const licenceLevelCodes = Object.keys(licenceLevels) as [LicenceLevel, ...LicenceLevel[]];

/** Organisation kinds counted as children's social organisations (coverage, capacity). */
export const socialOrganisationKinds = ['social_work_organisation', 'charity', 'volunteer_team'] as const;
