/** Organisation kinds of DOMAIN.md §1, each with the subject it belongs to. */
export const subjects = ['family', 'government', 'public_institution', 'society'] as const;
export type Subject = (typeof subjects)[number];

export const organisationKinds = {
  civil_affairs_bureau: { subject: 'government', zh: '民政局', en: 'Civil affairs bureau' },
  women_children_committee: {
    subject: 'government',
    zh: '妇女儿童工作委员会',
    en: "Women and children's work committee",
  },
  township_government: {
    subject: 'government',
    zh: '乡镇人民政府（街道办事处）',
    en: 'Township government / street office',
  },
  village_committee: { subject: 'government', zh: '村（居）民委员会', en: 'Village or community committee' },
  police: { subject: 'government', zh: '公安机关', en: 'Police' },
  procuratorate: { subject: 'government', zh: '人民检察院', en: 'Procuratorate' },
  court: { subject: 'government', zh: '人民法院', en: 'Court' },
  education: { subject: 'government', zh: '教育部门', en: 'Education bureau' },
  health: { subject: 'government', zh: '卫生健康部门', en: 'Health commission' },
  disabled_persons_federation: { subject: 'government', zh: '残疾人联合会', en: "Disabled persons' federation" },
  rescue_station: { subject: 'public_institution', zh: '救助管理站', en: 'Rescue station' },
  minor_protection_centre: {
    subject: 'public_institution',
    zh: '未成年人救助保护中心',
    en: 'Minor rescue-protection centre',
  },
  child_welfare_home: { subject: 'public_institution', zh: '儿童福利院', en: 'Child welfare home' },
  womens_federation: { subject: 'society', zh: '妇女联合会', en: "Women's federation" },
  youth_league: { subject: 'society', zh: '共青团委员会', en: 'Youth league' },
  social_work_organisation: { subject: 'society', zh: '社会工作服务机构', en: 'Social work organisation' },
  charity: { subject: 'society', zh: '慈善组织', en: 'Charity' },
  volunteer_team: { subject: 'society', zh: '志愿服务队', en: 'Volunteer team' },
  enterprise: { subject: 'society', zh: '爱心企业', en: 'Caring enterprise' },
  school: { subject: 'public_institution', zh: '学校（幼儿园）', en: 'School or kindergarten' },
  hospital: { subject: 'public_institution', zh: '医疗机构', en: 'Hospital or clinic' },
} as const satisfies Record<string, { subject: Subject; zh: string; en: string }>;

export type OrganisationKind = keyof typeof organisationKinds;
export const organisationKindCodes = Object.keys(organisationKinds) as OrganisationKind[];

export const residentialKindCodes = ['rescue_station', 'minor_protection_centre', 'child_welfare_home'] as const;
export type ResidentialKind = (typeof residentialKindCodes)[number];

/** Institutions that shelter children record their bed capacity. */
export const residentialKinds: readonly OrganisationKind[] = residentialKindCodes;

/** Civil affairs leads child protection by default; the 2024 amendment lets the women-and-children work body lead instead. */
export const leadAgencyKinds: readonly OrganisationKind[] = ['civil_affairs_bureau', 'women_children_committee'];

export function isOrganisationKind(value: string): value is OrganisationKind {
  return Object.hasOwn(organisationKinds, value);
}

export function isResidentialKind(kind: string): kind is ResidentialKind {
  return (residentialKindCodes as readonly string[]).includes(kind);
}

export function subjectOf(kind: OrganisationKind): Subject {
  return organisationKinds[kind].subject;
}

export function kindsOfSubject(subject: Subject): OrganisationKind[] {
  return organisationKindCodes.filter((kind) => organisationKinds[kind].subject === subject);
}

/** Government bodies see the children of their area; others see a child by taking part in its work. */
export function seesChildrenByPlace(kind: string): boolean {
  return isOrganisationKind(kind) && organisationKinds[kind].subject === 'government';
}
