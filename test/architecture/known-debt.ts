/*
 * Crossings between features left from before the core ring (issue 13). They are listed so that
 * no new one can appear, and so that each one fixed must be struck from here: the test compares
 * exactly. Most are table types (Kysely module augmentation) and vocabularies that belong in core
 * or the contract; cases ↔ reports is a report joining a case (reports/record → cases/join) and
 * the case-number format living in reports/rules. Shrink this list; never grow it.
 */
export const knownCrossFeatureImports: readonly string[] = [
  'src/features/reports/access.ts imports ../cases/tables.js',
  'src/features/reports/record.ts imports ../registry/tables.js',
  'src/features/reports/record.ts imports ../cases/join.js',
  'src/features/reports/record.ts imports ../cases/messages.js',
  'src/features/registry/ledger/error-sheet.ts imports ../../audit/rules.js',
  'src/features/registry/ledger/export.ts imports ../../audit/rules.js',
  'src/features/insight/counts-rules.ts imports ../registry/tables.js',
  'src/features/insight/counts-store.ts imports ../divisions/tables.js',
  'src/features/clocks/service.ts imports ../cases/tables.js',
  'src/features/cases/list.ts imports ../registry/search/rules.js',
  'src/features/cases/list.ts imports ../registry/search/tiers.js',
  'src/features/cases/risk.ts imports ../registry/tables.js',
  'src/features/cases/service.ts imports ../reports/rules.js',
  'src/features/cases/store.ts imports ../registry/tables.js',
  'src/features/cases/view.ts imports ../reports/tables.js',
];

export const knownFeatureCycles: readonly string[] = ['cases → reports → cases'];
