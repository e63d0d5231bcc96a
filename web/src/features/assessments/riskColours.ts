/**
 * The four-colour grade's tag colours: the theme's status tokens (app/theme/theme.ts), whose text is
 * above 4.5:1 on its tint. antd's preset gold (2.8:1) and green (3.4:1) are not; test/web-contrast.test.ts.
 */
// Keyed by the contract's RiskGrade (riskTag.tsx indexes it with one; no import here, so the server's
// tests can read this file without the web app's @contract alias).
export const riskTagColours = {
  high: 'error',
  medium_high: 'warning',
  medium_low: 'processing',
  low: 'success',
} as const;
