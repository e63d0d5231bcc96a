import { referralActionNotAllowedDetailsSchema, referralStaleDetailsSchema } from '../../contract/referrals/errors.js';
import { declareErrorDetails } from '../../platform/error-details.js';

// A 409 on a referral carries the status, what it allows and the referral as the caller reads it.
declareErrorDetails('referrals.stale', referralStaleDetailsSchema);
declareErrorDetails('referrals.action_not_allowed', referralActionNotAllowedDetailsSchema);
