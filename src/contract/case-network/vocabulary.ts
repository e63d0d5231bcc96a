/* The fixed words of a case plan's services and of the transfer of a case's lead (issue 15). Pure. */

/** A planned service: planned → referred (a referral delivers it) → delivered | not delivered (reason). */
export const serviceStatuses = ['planned', 'referred', 'delivered', 'not_delivered'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const serviceActionTypes = ['plan', 'refer', 'deliver', 'not_deliver'] as const;
export type ServiceActionType = (typeof serviceActionTypes)[number];
export const serviceUserActions = ['refer', 'deliver', 'not_deliver'] as const;
export type ServiceUserAction = (typeof serviceUserActions)[number];

/** How a service is delivered: by the lead organisation itself, or through a referral to the provider. */
export const deliveryRoutes = ['lead', 'referral'] as const;
export type DeliveryRoute = (typeof deliveryRoutes)[number];

/** A transfer of the lead: requested → accepted | rejected (by the receiver), or withdrawn by the sender. */
export const transferStatuses = ['requested', 'accepted', 'rejected', 'withdrawn'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export const transferActionTypes = ['request', 'accept', 'reject', 'withdraw'] as const;
export type TransferActionType = (typeof transferActionTypes)[number];
export const transferUserActions = ['accept', 'reject', 'withdraw'] as const;
export type TransferUserAction = (typeof transferUserActions)[number];
