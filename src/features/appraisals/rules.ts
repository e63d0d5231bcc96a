import type { AppraisalIndicators, AppraisalRating } from '../../contract/grassroots/training.js';

/** A share, or null when there was nothing to count. */
export function rate(done: number, late: number): number | null {
  return done + late === 0 ? null : Math.round((done / (done + late)) * 1000) / 1000;
}

/**
 * What the indicators suggest (the officer decides): the worse of the visit and report rates, less
 * for children left unvisited or an accountability record. Haven's defaults, not a published scale.
 */
export function suggestRating(indicators: AppraisalIndicators): AppraisalRating {
  const worst = Math.min(indicators.visitsOnTimeRate ?? 1, indicators.reportsInTimeRate ?? 1);
  const unvisited =
    indicators.childrenAssigned === 0 ? 0 : indicators.childrenWithoutVisit / indicators.childrenAssigned;
  const score = worst - unvisited - (indicators.accountability > 0 ? 0.25 : 0);
  if (score >= 0.9) return 'excellent';
  if (score >= 0.75) return 'competent';
  if (score >= 0.5) return 'basically_competent';
  return 'incompetent';
}
