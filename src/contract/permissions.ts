/** Every permission Haven checks (the server checks them; the web app shows or hides what they open). Roles are data: each role is a set of these. */
export const permissions = {
  'divisions.manage': { zh: '维护行政区划', en: 'Maintain divisions' },
  'organisations.read': { zh: '查看组织机构', en: 'View organisations' },
  'organisations.manage': { zh: '维护组织机构', en: 'Maintain organisations' },
  'users.read': { zh: '查看用户', en: 'View users' },
  'users.manage': { zh: '管理用户账号', en: 'Manage user accounts' },
  'roles.manage': { zh: '管理角色与权限', en: 'Manage roles and permissions' },
  'roles.approve': { zh: '审批可查看儿童档案的角色授权', en: "Approve grants of roles that read children's files" },
  'tokens.manage': { zh: '管理接口令牌', en: 'Manage API tokens' },
  'children.read': { zh: '查看儿童档案', en: "Read children's files" },
  'children.write': { zh: '登记与修改儿童档案', en: "Register and edit children's files" },
  'children.unmask': { zh: '查看完整身份证号、电话和地址', en: 'See full ID numbers, phones and addresses' },
  'children.export': { zh: '导出儿童台账', en: 'Export ledgers' },
  'children.import': { zh: '导入儿童台账', en: 'Import ledgers' },
  'reports.submit': { zh: '提交强制报告', en: 'Submit mandatory reports' },
  'reports.receive': { zh: '接收和确认报告', en: 'Receive and acknowledge reports' },
  'reports.hotline': {
    zh: '热线受理（查询同一号码的来电记录）',
    en: 'Take hotline calls (see earlier calls from the same number)',
  },
  'cases.read': { zh: '查看个案', en: 'Read cases' },
  'cases.act': { zh: '办理个案', en: 'Act on cases' },
  'cases.approve': { zh: '审批个案结案', en: 'Approve case closure' },
  'placements.act': { zh: '安置、转移与返家', en: 'Place, transfer and return children home' },
  'placements.approve': { zh: '审批救助站延长滞留', en: 'Approve longer rescue-station stays' },
  'insight.aggregate': { zh: '查看统计汇总', en: 'See aggregate statistics' },
  'roster.read': {
    zh: '查看儿童主任、督导员名册与工作量',
    en: 'See the roster of directors and supervisors and their caseload',
  },
  'roster.manage': {
    zh: '任免儿童主任、督导员，指派负责儿童',
    en: 'Appoint and remove directors and supervisors, assign children',
  },
  'visits.record': { zh: '记录入户随访', en: 'Record home visits' },
  'assessments.record': { zh: '开展家庭监护能力评估', en: 'Assess guardianship (DB42/T 1969-2023)' },
  'audit.read': { zh: '查询审计日志', en: 'Search the audit log' },
  'audit.export': { zh: '导出审计日志', en: 'Export the audit log' },
  'referrals.read': { zh: '查看本单位的转介', en: "See my organisation's referrals" },
  'referrals.act': { zh: '发起和办理转介', en: 'Make and handle referrals' },
  'matrix.manage': { zh: '维护服务职责矩阵', en: 'Maintain the responsibility matrix' },
  'rules.manage': {
    zh: '发布规则（期限、标准、报告接收方）',
    en: 'Publish rules (deadlines, standards, report recipients)',
  },
  'calendar.manage': { zh: '维护节假日安排（调休）', en: 'Maintain the holiday arrangement' },
  'benefits.read': { zh: '查看保障金申请', en: 'Read benefit applications' },
  'benefits.apply': { zh: '登记保障金申请', en: 'Record benefit applications' },
  'benefits.verify': { zh: '乡镇受理与核实保障金申请', en: 'Accept and verify benefit applications (township)' },
  'benefits.decide': { zh: '审批保障金申请', en: 'Decide benefit applications (county)' },
  'children.exit': { zh: '办理儿童退出', en: 'Record a child leaving the registry' },
  'documents.upload': { zh: '上传和撤回儿童档案材料', en: "Upload and withdraw documents on a child's file" },
  'documents.purge': { zh: '彻底删除已撤回的档案材料', en: 'Purge withdrawn documents' },
  'recommendations.read': {
    zh: '查看本单位发出或收到的检察建议',
    en: 'See the procuratorial recommendations my unit issued or received',
  },
  'recommendations.issue': { zh: '制发检察建议', en: 'Issue procuratorial recommendations' },
  'recommendations.reply': { zh: '书面回复检察建议', en: 'Reply in writing to procuratorial recommendations' },
  'incidents.read': { zh: '查看侵害事件记录', en: 'Read incident records' },
  'incidents.record': { zh: '登记侵害事件', en: 'Record incidents' },
  'conference.manage': {
    zh: '召集联席会议（议题、出席、决定事项、纪要）',
    en: 'Convene the joint conference (agenda, attendance, decisions, minutes)',
  },
  'conference.act': {
    zh: '查看联席会议并办理本单位督办事项',
    en: "See joint-conference meetings and carry out my department's action items",
  },
  'benefits.pay': {
    zh: '生成保障金发放批次、下载发放台账',
    en: 'Run monthly benefit payments and download the ledger',
  },
  'projects.read': {
    zh: '查看政府购买服务项目与社会组织能力',
    en: 'See purchased-service projects and social organisations',
  },
  'projects.manage': { zh: '签订和管理政府购买服务项目', en: 'Define and manage purchased-service projects' },
  'projects.deliver': { zh: '记录服务并回复项目评估', en: 'Record services delivered and reply to evaluations' },
  'rolls.upload': {
    zh: '导入其他部门名单（比对儿童档案）',
    en: 'Upload rolls from other departments (matched to files)',
  },
  'rolls.review': {
    zh: '审核其他部门名单提出的档案变更',
    en: "Review fact changes proposed by other departments' rolls",
  },
  'capacity.manage': {
    zh: '维护本机构的社工与志愿者能力',
    en: "Maintain my organisation's social workers and volunteers",
  },
  'charity.manage': {
    zh: '登记捐赠与志愿者，匹配并交付困境儿童需求',
    en: "Record donations and volunteers, match and hand over children's needs",
  },
} as const;

export type Permission = keyof typeof permissions;

export const allPermissions = Object.keys(permissions) as Permission[];

/** Holding any of these means reading children's files: such roles need a second factor. */
export const childDataPermissions: readonly Permission[] = [
  'children.read',
  'cases.read',
  'reports.receive',
  'referrals.read',
  'incidents.read',
];

export function isPermission(value: string): value is Permission {
  return value in permissions;
}
