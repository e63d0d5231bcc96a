/*
 * Charity, volunteers and family support (issue 19): what a need asks for, the need's statuses and
 * actions, donors and donation forms, the safeguarding check, guidance-session outcomes. Pure.
 */

/** What a need from a child's plan or visit asks for. */
export const needKinds = {
  school_fees: { zh: '学杂费', en: 'School fees' },
  medical_bills: { zh: '医疗费用', en: 'Medical bills' },
  winter_clothes: { zh: '冬衣被褥', en: 'Winter clothes' },
  tutor: { zh: '课业辅导', en: 'A tutor' },
  daily_living: { zh: '生活用品', en: 'Daily necessities' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type NeedKind = keyof typeof needKinds;
export const needKindCodes = Object.keys(needKinds) as NeedKind[];

export const needSources = {
  plan: { zh: '帮扶计划', en: "The child's plan" },
  visit: { zh: '入户随访', en: 'A home visit' },
} as const;
export type NeedSource = keyof typeof needSources;
export const needSourceCodes = Object.keys(needSources) as NeedSource[];

/** Invariant 3: open → matched (a donation, a volunteer or both) → handed over; cancelled while not handed over. */
export const needStatuses = ['open', 'matched', 'handed_over', 'cancelled'] as const;
export type NeedStatus = (typeof needStatuses)[number];
export const needStatusLabels: Record<NeedStatus, { zh: string; en: string }> = {
  open: { zh: '待匹配', en: 'Open' },
  matched: { zh: '已匹配', en: 'Matched' },
  handed_over: { zh: '已交付', en: 'Handed over' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
export const needActionTypes = ['raise', 'match', 'hand_over', 'cancel'] as const;
export type NeedActionType = (typeof needActionTypes)[number];
export type NeedUserAction = Exclude<NeedActionType, 'raise'>;

export const donorKinds = {
  company: { zh: '爱心企业', en: 'Company' },
  person: { zh: '个人', en: 'Person' },
  anonymous: { zh: '匿名', en: 'Anonymous' },
} as const;
export type DonorKind = keyof typeof donorKinds;
export const donorKindCodes = Object.keys(donorKinds) as DonorKind[];

export const donationForms = {
  cash: { zh: '资金', en: 'Money' },
  in_kind: { zh: '物资', en: 'Goods' },
} as const;
export type DonationForm = keyof typeof donationForms;
export const donationFormCodes = Object.keys(donationForms) as DonationForm[];

/** A volunteer's safeguarding (criminal-record) check: valid, expiring within 30 days, expired or never done. */
export const checkStates = {
  valid: { zh: '有效', en: 'Valid' },
  expiring: { zh: '即将到期', en: 'Expiring soon' },
  expired: { zh: '已过期', en: 'Expired' },
  missing: { zh: '未核查', en: 'Not checked' },
} as const;
export type CheckState = keyof typeof checkStates;

export const guidanceSessionStates = {
  due: { zh: '待开展', en: 'Due' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  attended: { zh: '已参加', en: 'Attended' },
  absent: { zh: '未参加', en: 'Absent' },
} as const;
export type GuidanceSessionState = keyof typeof guidanceSessionStates;

/** A guardian's vocational-training referral: referred → enrolled → completed, or dropped on the way. */
export const trainingStatuses = {
  referred: { zh: '已转介', en: 'Referred' },
  enrolled: { zh: '已入学', en: 'Enrolled' },
  completed: { zh: '已结业', en: 'Completed' },
  dropped: { zh: '已中止', en: 'Dropped out' },
} as const;
export type TrainingStatus = keyof typeof trainingStatuses;
export const trainingStatusCodes = Object.keys(trainingStatuses) as [TrainingStatus, ...TrainingStatus[]];
/** Where each status may go next. */
export const trainingNext: Record<TrainingStatus, readonly TrainingStatus[]> = {
  referred: ['enrolled', 'dropped'],
  enrolled: ['completed', 'dropped'],
  completed: [],
  dropped: [],
};
