/**
 * The service catalogue of issue 15 (what organisations do for a child) and the responsibility an
 * organisation kind has for a service in a place: it leads, it takes part, or none. Pure.
 */
export const services = {
  temporary_care: { zh: '临时照料', en: 'Temporary care' },
  long_term_care: { zh: '长期养育', en: 'Long-term care' },
  street_children_shelter: { zh: '流浪儿童救助', en: 'Shelter for street children' },
  escort_home: { zh: '护送返家', en: 'Escort home' },
  medical_treatment: { zh: '医疗救治', en: 'Medical treatment' },
  rehabilitation: { zh: '康复服务', en: 'Rehabilitation' },
  psychological_counselling: { zh: '心理疏导', en: 'Psychological counselling' },
  legal_aid: { zh: '法律援助', en: 'Legal aid' },
  victim_support: { zh: '被害人救助', en: 'Victim support' },
  education_support: { zh: '教育帮扶', en: 'Education support' },
  cash_assistance: { zh: '资金救助', en: 'Cash assistance' },
  family_education_guidance: { zh: '家庭教育指导', en: 'Family-education guidance' },
  community_correction_follow_up: { zh: '社区矫正跟进', en: 'Community-correction follow-up' },
  volunteer_companionship: { zh: '志愿陪伴', en: 'Volunteer companionship' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ServiceCode = keyof typeof services;
export const serviceCodes = Object.keys(services) as [ServiceCode, ...ServiceCode[]];

export const responsibilities = {
  leads: { zh: '牵头', en: 'Leads' },
  takes_part: { zh: '参与', en: 'Takes part' },
  none: { zh: '无', en: 'None' },
} as const;
export type Responsibility = keyof typeof responsibilities;
export const responsibilityCodes = Object.keys(responsibilities) as [Responsibility, ...Responsibility[]];

/** Whether a responsibility means the kind provides the service (leads or takes part). */
export function provides(responsibility: Responsibility): boolean {
  return responsibility !== 'none';
}
