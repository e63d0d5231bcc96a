/* The fixed words of reporting, as the API sends and accepts them. Pure. */

export const reportChannels = ['hotline', 'mandated', 'public', 'staff'] as const;
export type ReportChannel = (typeof reportChannels)[number];

export const hotlineLines = ['12338', '12355', '12345', '110'] as const;
export type HotlineLine = (typeof hotlineLines)[number];

/** The statutory receivers of a report, by their role at the place (the `reports` rule section). */
export const statutoryRecipientRoles = ['police', 'civil_affairs', 'education', 'township', 'village'] as const;
export type StatutoryRecipientRole = (typeof statutoryRecipientRoles)[number];

/**
 * The organisations a report is routed to: the statutory receivers, and `provider` — an
 * organisation that leads the service the report implies in the place's county (the matrix).
 */
export const recipientRoles = [...statutoryRecipientRoles, 'provider'] as const;
export type RecipientRole = (typeof recipientRoles)[number];

/**
 * Whether a receiver owes the report a legal deadline (acknowledgement): the statutory receivers do;
 * a matrix `provider` copy has no clock by design, so lists of deadlines leave it out.
 */
export function owesLegalDeadline(role: string): boolean {
  return (statutoryRecipientRoles as readonly string[]).includes(role);
}

/** The nine statutory situations that trigger a mandatory report (DOMAIN.md §3), numbered 1–9. */
export const situationNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type SituationNumber = (typeof situationNumbers)[number];

/** What a reporter (or the public follow-up page) is told of a report: never anything about the child. */
export const reportStages = ['received', 'in_progress', 'closed'] as const;
export type ReportStage = (typeof reportStages)[number];

/** The lists of GET /api/reports: received by my organisation, made by me, or every one I may open. */
export const reportListViews = ['inbox', 'mine', 'all'] as const;
export type ReportListView = (typeof reportListViews)[number];
