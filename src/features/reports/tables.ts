import type { HotlineLine, RecipientRole, ReportChannel as Channel } from '../../contract/reports/vocabulary.js';
// The row types of reports live in core (cases reads them); the reports feature writes them.
import '../../core/tables/reports.js';

export { hotlineLines, recipientRoles, reportChannels as channels } from '../../contract/reports/vocabulary.js';
export type { Channel, HotlineLine, RecipientRole };
export type { ReporterIdentity, ReportRecipientsTable, ReportsTable } from '../../core/tables/reports.js';
