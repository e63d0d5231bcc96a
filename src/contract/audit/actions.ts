// What the audit log's codes mean, so that a screen shows words and never a code. The server
// names an action `<area>.<verb>`; the areas are few and fixed, the verbs grow with the features:
// a verb not listed here is shown by its area ("儿童档案 · 其他操作"), never raw.

/** The first part of an action code, each with a label. */
export const auditAreas = [
  'auth',
  'child',
  'children',
  'registry',
  'ledger',
  'duplicates',
  'case',
  'cases',
  'clock',
  'report',
  'reports',
  'users',
  'tokens',
  'organisation',
  'organisations',
  'lead_agency',
  'divisions',
  'rule_sets',
  'audit',
  'database',
  'demo',
  'request',
] as const;
export type AuditArea = (typeof auditAreas)[number];

/** Actions the server records, each with a label. */
export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.second_factor',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.password_changed',
  'auth.totp_enrolment_started',
  'auth.totp_enrolled',
  'auth.totp_secrets_encrypted',
  'auth.account_locked',
  'child.read',
  'children.read',
  'children.read_unmasked',
  'children.read_timeline',
  'children.create',
  'children.update',
  'children.export',
  'children.duplicate_check',
  'children.history.restore',
  'children.category.add',
  'children.category.confirm',
  'children.category.reject',
  'children.category.end',
  'children.family.add',
  'children.family.update',
  'children.family.remove',
  'children.merge',
  'children.merge_undo',
  'duplicates.merge_requested',
  'duplicates.not_same',
  'registry.age-out',
  'registry.repropose',
  'ledger.upload',
  'ledger.mapping',
  'ledger.dry_run',
  'ledger.commit_batch',
  'ledger.errors_export',
  'cases.read',
  'case.open',
  'case.update',
  'clock.pause',
  'clock.resume',
  'report.submit',
  'report.submit_public',
  'report.acknowledge',
  'reports.read',
  'reports.attachment_read',
  'users.create',
  'users.password_reset',
  'users.lock',
  'users.unlock',
  'users.totp_reset',
  'users.roles_changed',
  'users.role_grant_requested',
  'users.role_grant_approved',
  'users.role_grant_rejected',
  'users.role_grant_withdrawn',
  'tokens.create',
  'tokens.revoke',
  'organisations.create',
  'organisation.update',
  'organisation.deactivate',
  'organisation.reactivate',
  'lead_agency.set',
  'lead_agency.clear',
  'divisions.load',
  'divisions.successor',
  'rule_sets.publish',
  'audit.search',
  'audit.export',
  'audit.chain_keyed',
  'database.backup',
  'demo.seed',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Why the system itself acted (`system:<reason>` as the actor). */
export const systemActorReasons = ['sweep', 'startup', 'cli', 'seed', 'ledger-import', 'report-join'] as const;
export type SystemActorReason = (typeof systemActorReasons)[number];

/** The kinds of record an entry is about. */
export const auditEntityTypes = [
  'user',
  'child',
  'category',
  'family_member',
  'child_merge',
  'duplicate_candidate',
  'ledger_import',
  'case',
  'report',
  'clock',
  'organisation',
  'lead_agency',
  'division',
  'division_dataset',
  'api_token',
  'role_grant_request',
  'rule_set',
  'audit_log',
  'setting',
  'job',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

export const isAuditAction = (code: string): code is AuditAction => (auditActions as readonly string[]).includes(code);
export const isAuditArea = (code: string): code is AuditArea => (auditAreas as readonly string[]).includes(code);
export const isSystemActorReason = (code: string): code is SystemActorReason =>
  (systemActorReasons as readonly string[]).includes(code);
export const isAuditEntityType = (code: string): code is AuditEntityType =>
  (auditEntityTypes as readonly string[]).includes(code);
