import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_divisions.js';
import * as m0003 from './0003_organisations_people_access.js';
import * as m0004 from './0004_organisations_extra.js';
import * as m0005 from './0005_audit_insight.js';
import * as m0006 from './0006_registry.js';
import * as m0007 from './0007_ledger_imports.js';
import * as m0008 from './0008_reports_cases.js';
import * as m0009 from './0009_registry_search.js';
import * as m0010 from './0010_registry_core.js';
import * as m0011 from './0011_rules_permission.js';
import * as m0012 from './0012_home_visits.js';
import * as m0013 from './0013_sweeps_dashboards.js';
import * as m0014 from './0014_search_speed.js';
import * as m0015 from './0015_audit_speed.js';
import * as m0016 from './0016_import_speed.js';
import * as m0017 from './0017_search_guardians.js';
import * as m0018 from './0018_import_duplicate_dates.js';
import * as m0019 from './0019_case_organisation_left.js';
import * as m0020 from './0020_demo_installation.js';
import * as m0021 from './0021_auth_separation.js';
import * as m0022 from './0022_audit_keyed_chain.js';
import * as m0023 from './0023_duplicate_merge_requests.js';
import * as m0024 from './0024_participation_basis.js';
import * as m0025 from './0025_clock_subjects.js';
import * as m0026 from './0026_workflow_accountable.js';
import * as m0028 from './0028_referrals.js';
import * as m0029 from './0029_service_matrix.js';
import * as m0031 from './0031_placements.js';
import * as m0032 from './0032_placement_permissions.js';
import * as m0034 from './0034_grassroots_roster.js';
import * as m0035 from './0035_home_visit_records.js';
import * as m0037 from './0037_holiday_calendar.js';
import * as m0038 from './0038_benefits.js';
import * as m0039 from './0039_child_exits.js';
import * as m0040 from './0040_recommendations.js';
import * as m0041 from './0041_incidents.js';
import * as m0042 from './0042_joint_conference.js';
import * as m0043 from './0043_conference_permissions.js';
import * as m0044 from './0044_case_network.js';
import * as m0046 from './0046_tracing.js';
import * as m0048 from './0048_guardianship_assessments.js';
import * as m0049 from './0049_grassroots_training.js';
import * as m0050 from './0050_benefit_payments.js';
import * as m0051 from './0051_benefit_renewals.js';
import * as m0052 from './0052_purchased_services.js';
import * as m0053 from './0053_organisation_capacity.js';
import * as m0055 from './0055_child_documents.js';
import * as m0056 from './0056_document_permissions.js';
import * as m0057 from './0057_hotline_permission.js';
import * as m0058 from './0058_report_recipient_log.js';
import * as m0063 from './0063_tracing_photos.js';
import * as m0071 from './0071_charity_family_support.js';
import * as m0075 from './0075_insight_snapshots.js';
import * as m0076 from './0076_children_pattern_indexes.js';
import * as m0085 from './0085_guardian_training.js';
import * as m0094 from './0094_households.js';
import * as m0095 from './0095_incubations.js';
import * as m0096 from './0096_session_attendance.js';
import * as m0100 from './0100_department_rolls.js';
import * as m0105 from './0105_insight_snapshot_totals.js';
import * as m0115 from './0115_entrusted_care.js';
import * as m0116 from './0116_report_matrix_routing.js';
import * as m0120 from './0120_plan_goal_index.js';
import * as m0125 from './0125_supervision_log.js';
import * as m0130 from './0130_department_roll_matching.js';
import * as m0140 from './0140_volunteer_activities.js';
import * as m0155 from './0155_supervision_follow_ups.js';
import * as m0160 from './0160_case_links.js';
import * as m0170 from './0170_calendar_recompute_batches.js';
import * as m0175 from './0175_benefit_reviews.js';
import * as m0180 from './0180_schedule_marks.js';
import * as m0185 from './0185_insight_flow_indexes.js';
import * as m0186 from './0186_snapshot_marks.js';
import * as m0187 from './0187_snapshot_referral_marks.js';
import * as m0190 from './0190_clock_escalations.js';
import * as m0191 from './0191_alerts_key.js';
import * as m0194 from './0194_session_change_notices.js';
import * as m0197 from './0197_audit_log_hash_not_unique.js';
import * as m0198 from './0198_child_file_parts_lighter.js';
import * as m0199 from './0199_case_actions_latest.js';
import * as m0200 from './0200_snapshot_count_indexes.js';
import * as m0201 from './0201_risk_clue_clock_index.js';
import * as m0203 from './0203_clock_counts_indexes.js';
import * as m0204 from './0204_in_difficulty_count_indexes.js';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the same list works
 * from TypeScript sources, the compiled build and a bundled CLI.
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_divisions': m0002,
  '0003_organisations_people_access': m0003,
  '0004_organisations_extra': m0004,
  '0005_audit_insight': m0005,
  '0006_registry': m0006,
  '0007_ledger_imports': m0007,
  '0008_reports_cases': m0008,
  '0009_registry_search': m0009,
  '0010_registry_core': m0010,
  '0011_rules_permission': m0011,
  '0012_home_visits': m0012,
  '0013_sweeps_dashboards': m0013,
  '0014_search_speed': m0014,
  '0015_audit_speed': m0015,
  '0016_import_speed': m0016,
  '0017_search_guardians': m0017,
  '0018_import_duplicate_dates': m0018,
  '0019_case_organisation_left': m0019,
  '0020_demo_installation': m0020,
  '0021_auth_separation': m0021,
  '0022_audit_keyed_chain': m0022,
  '0023_duplicate_merge_requests': m0023,
  '0024_participation_basis': m0024,
  '0025_clock_subjects': m0025,
  '0026_workflow_accountable': m0026,
  '0028_referrals': m0028,
  '0029_service_matrix': m0029,
  '0031_placements': m0031,
  '0032_placement_permissions': m0032,
  '0034_grassroots_roster': m0034,
  '0035_home_visit_records': m0035,
  '0037_holiday_calendar': m0037,
  '0038_benefits': m0038,
  '0039_child_exits': m0039,
  '0040_recommendations': m0040,
  '0041_incidents': m0041,
  '0042_joint_conference': m0042,
  '0043_conference_permissions': m0043,
  '0044_case_network': m0044,
  '0046_tracing': m0046,
  '0048_guardianship_assessments': m0048,
  '0049_grassroots_training': m0049,
  '0050_benefit_payments': m0050,
  '0051_benefit_renewals': m0051,
  '0052_purchased_services': m0052,
  '0053_organisation_capacity': m0053,
  '0055_child_documents': m0055,
  '0056_document_permissions': m0056,
  '0057_hotline_permission': m0057,
  '0058_report_recipient_log': m0058,
  '0063_tracing_photos': m0063,
  '0071_charity_family_support': m0071,
  '0075_insight_snapshots': m0075,
  '0076_children_pattern_indexes': m0076,
  '0085_guardian_training': m0085,
  '0094_households': m0094,
  '0095_incubations': m0095,
  '0096_session_attendance': m0096,
  '0100_department_rolls': m0100,
  '0105_insight_snapshot_totals': m0105,
  '0115_entrusted_care': m0115,
  '0116_report_matrix_routing': m0116,
  '0120_plan_goal_index': m0120,
  '0125_supervision_log': m0125,
  '0130_department_roll_matching': m0130,
  '0140_volunteer_activities': m0140,
  '0155_supervision_follow_ups': m0155,
  '0160_case_links': m0160,
  '0170_calendar_recompute_batches': m0170,
  '0175_benefit_reviews': m0175,
  '0180_schedule_marks': m0180,
  '0185_insight_flow_indexes': m0185,
  '0186_snapshot_marks': m0186,
  '0187_snapshot_referral_marks': m0187,
  '0190_clock_escalations': m0190,
  '0191_alerts_key': m0191,
  '0194_session_change_notices': m0194,
  '0197_audit_log_hash_not_unique': m0197,
  '0198_child_file_parts_lighter': m0198,
  '0199_case_actions_latest': m0199,
  '0200_snapshot_count_indexes': m0200,
  '0201_risk_clue_clock_index': m0201,
  '0203_clock_counts_indexes': m0203,
  '0204_in_difficulty_count_indexes': m0204,
};
