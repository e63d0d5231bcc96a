// The registry's spreadsheet reader and ID-number check, reached through its exported services only.
export {
  type CellValue,
  cellText,
  looksTruncatedByFloat,
  readDate,
  readDisabilityGrade,
  readDivisionCode,
  readIdCell,
  readSpreadsheetRows,
  type SheetRow,
  type SpreadsheetLimits,
  spreadsheetLimitsOf,
} from '../registry/ledger/service.js';
export { parseIdNumber } from '../registry/service.js';
