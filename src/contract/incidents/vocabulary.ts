/* Incident records: the kind of harm, who did it to the child, the child's part. Pure. */

export const harmKinds = {
  physical_abuse: { zh: '身体虐待', en: 'Physical abuse' },
  sexual_abuse: { zh: '性侵害', en: 'Sexual abuse' },
  neglect: { zh: '忽视、遗弃', en: 'Neglect or abandonment' },
  emotional_abuse: { zh: '精神虐待', en: 'Emotional abuse' },
  bullying: { zh: '校园欺凌', en: 'Bullying' },
  exploitation: { zh: '拐卖、剥削', en: 'Trafficking or exploitation' },
  domestic_violence: { zh: '家庭暴力', en: 'Domestic violence' },
  theft_or_robbery: { zh: '盗窃、抢劫', en: 'Theft or robbery' },
  assault: { zh: '故意伤害', en: 'Assault' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type HarmKind = keyof typeof harmKinds;
export const harmKindCodes = Object.keys(harmKinds) as [HarmKind, ...HarmKind[]];

export const perpetratorRelations = {
  parent: { zh: '父母', en: 'Parent' },
  step_parent: { zh: '继父母', en: 'Step-parent' },
  relative: { zh: '其他亲属', en: 'Other relative' },
  carer: { zh: '受委托照护人', en: 'Entrusted carer' },
  teacher_or_staff: { zh: '教职工', en: 'Teacher or staff' },
  peer: { zh: '同学、同龄人', en: 'Classmate or peer' },
  acquaintance: { zh: '熟人', en: 'Acquaintance' },
  stranger: { zh: '陌生人', en: 'Stranger' },
  unknown: { zh: '不明', en: 'Unknown' },
  none: { zh: '无（儿童为行为人）', en: 'None (the child acted)' },
} as const;
export type PerpetratorRelation = keyof typeof perpetratorRelations;
export const perpetratorRelationCodes = Object.keys(perpetratorRelations) as [
  PerpetratorRelation,
  ...PerpetratorRelation[],
];

export const childRoles = {
  victim: { zh: '被害人', en: 'Victim' },
  offender: { zh: '涉罪未成年人', en: 'Offender' },
  witness: { zh: '证人', en: 'Witness' },
} as const;
export type ChildRole = keyof typeof childRoles;
export const childRoleCodes = Object.keys(childRoles) as [ChildRole, ...ChildRole[]];
