import type { IndicatorCode, Problem } from './problems.js';

type Label = { zh: string; en: string };

/** The problems' names in both languages (the seed's §4 headings). */
export const problemLabels: Record<Problem, Label> = {
  mechanism: { zh: '机制运行', en: 'How the mechanism runs' },
  family: { zh: '家庭监护功能（4.1）', en: 'Family function (4.1)' },
  government: { zh: '政府职责交叉（4.2.1）', en: 'Overlapping government duties (4.2.1)' },
  grassroots: { zh: '基层能力（4.2.2）', en: 'Grassroots capacity (4.2.2)' },
  society: { zh: '社会组织（4.3.1）', en: 'Social organisations (4.3.1)' },
  funding: { zh: '社会工作与保障投入（4.3.2）', en: 'Social work and benefit funding (4.3.2)' },
};

export const indicatorLabels: Record<IndicatorCode, Label> = {
  'reports.received': { zh: '收到报告数', en: 'Reports received' },
  'reports.ack_rate': { zh: '报告按时签收率（%）', en: 'Reports acknowledged in time (%)' },
  'reports.emergency_rate': { zh: '紧急处置按时率（%）', en: 'Emergency responses in time (%)' },
  'cases.open': { zh: '在办个案数', en: 'Open cases' },
  'cases.closed': { zh: '本月结案数', en: 'Cases closed in the month' },
  'cases.mean_days_to_close': { zh: '结案平均用时（天）', en: 'Mean days from opening to closure' },
  'clocks.overdue': { zh: '逾期事项数', en: 'Overdue deadlines' },
  'clocks.conference_level': { zh: '升级至联席会议的逾期事项', en: 'Overdue items escalated to the joint conference' },
  'children.in_difficulty': { zh: '困境儿童数', en: 'Children in difficulty' },
  'family.guardianship_missing': { zh: '监护缺失或不当儿童数', en: 'Children with missing or improper guardianship' },
  'family.de_facto_unsupported': { zh: '事实无人抚养儿童数', en: 'De facto unsupported children' },
  'family.grade_missing': { zh: '监护评估：缺失', en: 'Guardianship assessed: missing' },
  'family.grade_improper': { zh: '监护评估：失当', en: 'Guardianship assessed: improper' },
  'family.grade_insufficient': { zh: '监护评估：不足', en: 'Guardianship assessed: insufficient' },
  'family.grade_normal': { zh: '监护评估：正常', en: 'Guardianship assessed: normal' },
  'family.improved_rate': { zh: '监护等级较首次评估好转（%）', en: 'Guardianship better than at first assessment (%)' },
  'referrals.overdue': { zh: '逾期未办转介', en: 'Referrals overdue' },
  'placements.station_overstay': { zh: '救助站超期滞留', en: 'Rescue-station stays past the limit' },
  'recommendations.overdue': { zh: '逾期未复检察建议', en: 'Procuratorial recommendations unanswered in time' },
  'referrals.declined': { zh: '本月被拒转介', en: 'Referrals declined in the month' },
  'placements.away_from_home': { zh: '离家安置儿童数', en: 'Children placed away from home' },
  'placements.institution': { zh: '机构安置儿童数', en: 'Children placed in institutions' },
  'placements.mean_institution_days': { zh: '机构安置平均时长（天）', en: 'Mean stay in institutions so far (days)' },
  'placements.station_past_10_days': { zh: '救助站滞留超过10天', en: 'Rescue-station stays past 10 days' },
  'visits.overdue': { zh: '逾期未走访儿童', en: 'Home visits overdue' },
  'visits.on_time_rate': { zh: '走访按时率（%）', en: 'Visits on time (%)' },
  'grassroots.villages_without_director': { zh: '无儿童主任的村（居）', en: 'Villages without a children’s director' },
  'grassroots.director_coverage': { zh: '儿童主任覆盖率（%）', en: 'Villages with children covered by a director (%)' },
  'grassroots.training_coverage': { zh: '村主任年内受训率（%）', en: 'Village directors trained in the last year (%)' },
  'grassroots.appraisal_coverage': {
    zh: '村主任上年度考核完成率（%）',
    en: 'Village directors appraised for last year (%)',
  },
  'society.organisations': { zh: '儿童类社会组织数', en: "Children's social organisations" },
  'society.per_10k': { zh: '每万名困境儿童社会组织数', en: 'Social organisations per 10,000 children in difficulty' },
  'funding.budget_per_child': {
    zh: '每名困境儿童购买服务预算（元）',
    en: 'Purchased-service budget per child in difficulty (yuan)',
  },
  'funding.execution_rate': { zh: '购买服务预算执行率（%）', en: 'Purchased-service budget paid (%)' },
  'funding.benefits_overdue': { zh: '逾期未办保障申请', en: 'Benefit applications past their deadline' },
  'security.children_paid': { zh: '本月发放保障金儿童数', en: 'Children paid a benefit for the month' },
  'security.mean_payment': { zh: '人均发放额（元）', en: 'Mean payment per child (yuan)' },
};

/** Clock rules behind the overdue rows, in words. */
export function clockRuleLabel(rule: string): Label {
  const prefix = rule.split('.')[0] ?? rule;
  const labels: Record<string, Label> = {
    visit: { zh: '入户走访', en: 'Home visit' },
    referral: { zh: '转介', en: 'Referral' },
    placement: { zh: '安置', en: 'Placement' },
    benefit: { zh: '保障申请', en: 'Benefit application' },
    report: { zh: '报告签收/处置', en: 'Report response' },
    case: { zh: '个案步骤', en: 'Case step' },
    assessment: { zh: '监护评估', en: 'Guardianship assessment' },
    recommendation: { zh: '检察建议回复', en: 'Recommendation reply' },
    conference: { zh: '联席会议督办事项', en: 'Joint-conference action item' },
  };
  return labels[prefix] ?? { zh: '其他期限', en: 'Other deadline' };
}
