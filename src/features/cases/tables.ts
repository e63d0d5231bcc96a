// The row types of cases live in core (other features read them); the cases feature writes them.
import '../../core/tables/cases.js';

export type { CaseActionsTable, CaseOrganisationsTable, CasesTable } from '../../core/tables/cases.js';
