/*
 * The plan of docs/scale.md as data: where every table of the schema goes on Citus (distributed
 * PostgreSQL) once one server no longer holds the deployment. test/scale-plan.test.ts checks the
 * schema against it on plain PostgreSQL, so the plan cannot rot: a new table must be placed here,
 * and a table that breaks Citus's rules must be listed in `mustChange` (exactly: a table that
 * comes to satisfy the rules must leave the list).
 */

/** How Citus holds a table. */
export type Placement =
  /** Sharded by this column; tables with the same column are co-located (their shards share nodes). */
  | { distributedBy: string }
  /** Copied to every node: small, read by every query, rarely written. */
  | 'reference'
  /** Only on the coordinator: the machinery of the processes, never joined with children's data. */
  | 'local';

/** The province (the first two digits of a division code) whose civil affairs holds the record. */
const province = { distributedBy: 'province_code' } as const;

export const citusPlan: Record<string, Placement> = {
  // The child's file and everything hung on it: one province's rows on one node.
  children: province,
  family_members: province,
  member_situations: province,
  child_categories: province,
  child_timeline: province,
  child_participations: province,
  child_documents: province,
  child_exits: province,
  child_merges: province,
  child_assignments: province,
  duplicate_candidates: province,
  ledger_imports: province,
  stored_files: province,
  // Reports, cases and the workflows of a case.
  reports: province,
  report_recipients: province,
  report_recipient_actions: province,
  cases: province,
  case_actions: province,
  case_organisations: province,
  case_services: province,
  case_service_actions: province,
  case_lead_transfers: province,
  case_lead_transfer_actions: province,
  referrals: province,
  referral_actions: province,
  recommendations: province,
  recommendation_actions: province,
  placements: province,
  placement_actions: province,
  guardianship_assessments: province,
  guardianship_assessment_revisions: province,
  guidance_orders: province,
  guidance_sessions: province,
  incidents: province,
  tracing_requests: province,
  tracing_leads: province,
  service_sessions: province,
  home_visits: province,
  // Clocks and their alerts.
  clocks: province,
  clock_changes: province,
  alerts: province,
  // Benefits, charity, projects, grassroots staff, joint conferences: per county or township.
  benefit_applications: province,
  benefit_application_actions: province,
  benefit_renewals: province,
  benefit_renewal_steps: province,
  benefit_payment_runs: province,
  benefit_payment_lines: province,
  benefit_payment_changes: province,
  benefit_payment_suspensions: province,
  charity_needs: province,
  charity_need_actions: province,
  donations: province,
  volunteers: province,
  projects: province,
  project_posts: province,
  project_payments: province,
  project_indicators: province,
  project_evaluations: province,
  grassroots_staff: province,
  grassroots_postings: province,
  grassroots_records: province,
  grassroots_appraisals: province,
  training_sessions: province,
  training_attendance: province,
  social_worker_licences: province,
  conference_members: province,
  conference_meetings: province,
  conference_agenda_items: province,
  conference_attendance: province,
  conference_action_items: province,
  insight_snapshots: province,
  insight_reports: province,
  registry_counts: province,
  // Written in the same transaction as the change they record or protect.
  audit_log: province,
  idempotency_keys: province,

  // Sharded by their own key, co-located with nothing: looked up by that key alone.
  sessions: { distributedBy: 'token_hash' },
  recovery_codes: { distributedBy: 'user_id' },

  // Reference tables: places, who is who, roles and rules.
  divisions: 'reference',
  division_history: 'reference',
  division_datasets: 'reference',
  organisations: 'reference',
  organisation_capacity: 'reference',
  lead_agencies: 'reference',
  users: 'reference',
  user_roles: 'reference',
  roles: 'reference',
  role_grant_requests: 'reference',
  api_tokens: 'reference',
  rule_sets: 'reference',
  holiday_arrangements: 'reference',
  service_matrix_versions: 'reference',
  service_matrix_cells: 'reference',

  // The coordinator's own.
  jobs: 'local',
  sweep_runs: 'local',
  settings: 'local',
  login_failures: 'local',
  registry_counts_state: 'local',
  registry_counts_dirty: 'local',
  insight_snapshot_months: 'local',
  demo_accounts: 'local',
  demo_installation: 'local',
  kysely_migration: 'local',
  kysely_migration_lock: 'local',
};

/**
 * Must change before distribution: the tables today's schema does not fit to the plan (the test
 * prints each one's violations). Every one of them lacks `province_code` today; the notes name what
 * more than the column, the composite keys and the composite foreign keys it takes.
 */
export const mustChange: Record<string, string> = {
  children:
    'ID numbers are unique nationally (children_id_number_idx): a distributed table keyed by id_number (insert first, then the file) keeps that; haven_code takes the province as its prefix',
  family_members: '',
  member_situations: 'province_code copied from the member’s child',
  child_categories: '',
  child_timeline: '',
  child_participations: '',
  child_documents: '',
  child_exits: '',
  child_merges: 'a merge across provinces first transfers one file to the other province',
  child_assignments: '',
  duplicate_candidates:
    'a pair across provinces lives in the province of the newer file; the check across provinces is a multi-shard query',
  ledger_imports: '',
  stored_files: '',
  reports:
    'ref_no takes the province as its prefix; a public report is routed by its division code before it is stored',
  report_recipients: '',
  report_recipient_actions: '',
  cases: 'case_no takes the province from its county code (formatCaseNumber)',
  case_actions: '',
  case_organisations: '',
  case_services: '',
  case_service_actions: '',
  case_lead_transfers: '',
  case_lead_transfer_actions: '',
  referrals: 'a referral to an organisation in another province is a case transfer, not a referral',
  referral_actions: '',
  recommendations: '',
  recommendation_actions: '',
  placements: 'the EXCLUDE constraint becomes (province_code WITH =, child_id WITH =, range WITH &&)',
  placement_actions: '',
  guardianship_assessments: '',
  guardianship_assessment_revisions: '',
  guidance_orders: '',
  guidance_sessions: '',
  incidents: '',
  tracing_requests: '',
  tracing_leads: '',
  service_sessions: '',
  home_visits: '',
  clocks: '',
  clock_changes: '',
  alerts: 'unique (province_code, clock_id, level)',
  benefit_applications: '',
  benefit_application_actions: '',
  benefit_renewals: '',
  benefit_renewal_steps: '',
  benefit_payment_runs: 'run_no takes the province from its county code',
  benefit_payment_lines: '',
  benefit_payment_changes: '',
  benefit_payment_suspensions: '',
  charity_needs: 'receipt_number takes the province as its prefix',
  charity_need_actions: '',
  donations: '',
  volunteers: '',
  projects: '',
  project_posts: '',
  project_payments: '',
  project_indicators: '',
  project_evaluations: '',
  grassroots_staff: '',
  grassroots_postings: '',
  grassroots_records: '',
  grassroots_appraisals: '',
  training_sessions: '',
  training_attendance: '',
  social_worker_licences: '',
  conference_members: '',
  conference_meetings: '',
  conference_agenda_items: '',
  conference_attendance: '',
  conference_action_items: '',
  insight_snapshots: 'national rows (000000000000) are summed on the coordinator from the provinces’',
  insight_reports: '',
  registry_counts: 'national rows are summed on the coordinator from the provinces’',
  audit_log:
    'one hash chain per province (audit_append locks and reads the head of its province); `haven audit verify` walks each chain',
  idempotency_keys: 'the key carries the province the request writes to',
};
