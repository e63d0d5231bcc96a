import { z } from 'zod';
import { serviceStatuses, serviceUserActions, transferStatuses, transferUserActions } from './vocabulary.js';

/* The `error.details` of the 409s of a planned service and a lead transfer: the status now and what it allows. Pure. */

export const serviceActionNotAllowedDetailsSchema = z.object({
  status: z.enum(serviceStatuses),
  allowedActions: z.array(z.enum(serviceUserActions)),
});
export const transferActionNotAllowedDetailsSchema = z.object({
  status: z.enum(transferStatuses),
  allowedActions: z.array(z.enum(transferUserActions)),
});
