/* Text cells of the spreadsheets Haven writes (audit export, registry ledger export and error sheets). Pure. */

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Spreadsheet programs evaluate text that looks like a formula (CSV/formula injection); the cells
 * hold text typed by anyone, so such text gets a leading apostrophe and stays text.
 */
export function escapeCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

// One xlsx cell holds at most 32,767 characters; longer text would corrupt the file.
export const cellCharacterLimit = 32_000;

export function fitCell(value: string): string {
  const safe = escapeCell(value);
  return safe.length > cellCharacterLimit ? `${safe.slice(0, cellCharacterLimit)}…` : safe;
}
