import type { Permission } from '../../platform/access/permissions.js';

export interface RoleDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: readonly Permission[];
}

const fileWork: Permission[] = ['children.read', 'children.write', 'cases.read', 'organisations.read'];

/** The built-in roles of DOMAIN.md §6. Administrators may add roles; these are the defaults. */
export const builtinRoles: readonly RoleDefinition[] = [
  {
    code: 'system_admin',
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    permissions: [
      'divisions.manage',
      'organisations.read',
      'organisations.manage',
      'users.read',
      'users.manage',
      'roles.manage',
      'tokens.manage',
      'rules.manage',
      'calendar.manage',
    ],
  },
  {
    code: 'civil_affairs_officer',
    nameZh: '民政干部',
    nameEn: 'Civil affairs officer',
    permissions: [
      ...fileWork,
      'children.unmask',
      'children.export',
      'children.import',
      'reports.receive',
      'cases.act',
      'cases.approve',
      'insight.aggregate',
      'users.read',
      'organisations.manage',
      'roles.approve',
      'benefits.read',
      'benefits.apply',
      'benefits.verify',
      'benefits.decide',
      'children.exit',
    ],
  },
  {
    code: 'township_supervisor',
    nameZh: '乡镇儿童督导员',
    nameEn: 'Township child welfare supervisor',
    permissions: [
      ...fileWork,
      'children.export',
      'reports.receive',
      'reports.submit',
      'cases.act',
      'cases.approve',
      'insight.aggregate',
      'benefits.read',
      'benefits.apply',
      'benefits.verify',
    ],
  },
  {
    code: 'village_director',
    nameZh: '村（居）儿童主任',
    nameEn: 'Village child welfare director',
    permissions: [...fileWork, 'reports.submit', 'reports.receive', 'benefits.read', 'benefits.apply'],
  },
  {
    code: 'institution_staff',
    nameZh: '机构工作人员',
    nameEn: 'Institution staff',
    permissions: [...fileWork, 'reports.submit', 'cases.act'],
  },
  {
    code: 'police_officer',
    nameZh: '公安民警',
    nameEn: 'Police officer',
    permissions: [
      'children.read',
      'children.unmask',
      'cases.read',
      'cases.act',
      'reports.receive',
      'organisations.read',
    ],
  },
  {
    code: 'prosecutor',
    nameZh: '检察官',
    nameEn: 'Prosecutor',
    permissions: ['children.read', 'children.unmask', 'cases.read', 'organisations.read'],
  },
  {
    code: 'hotline_operator',
    nameZh: '热线接线员',
    nameEn: 'Hotline operator',
    permissions: ['children.read', 'reports.submit', 'organisations.read'],
  },
  {
    code: 'social_worker',
    nameZh: '社会工作者',
    nameEn: 'Social worker',
    permissions: ['children.read', 'cases.read', 'cases.act', 'reports.submit', 'organisations.read'],
  },
  {
    code: 'charity_coordinator',
    nameZh: '慈善/志愿服务协调员',
    nameEn: 'Charity and volunteer coordinator',
    permissions: ['children.read', 'cases.read', 'organisations.read'],
  },
  { code: 'mandated_reporter', nameZh: '强制报告责任人', nameEn: 'Mandated reporter', permissions: ['reports.submit'] },
  {
    code: 'analyst',
    nameZh: '统计分析员',
    nameEn: 'Analyst',
    permissions: ['insight.aggregate', 'organisations.read'],
  },
  {
    code: 'auditor',
    nameZh: '审计员',
    nameEn: 'Auditor',
    permissions: ['audit.read', 'audit.export', 'users.read', 'organisations.read'],
  },
];
