import { z } from 'zod';
import { declareErrorDetails } from '../../platform/error-details.js';

declareErrorDetails('organisations.lead_still_leading', z.object({ divisions: z.array(z.string()) }));
