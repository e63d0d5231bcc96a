import { z } from 'zod';
import { divisionLevels } from '../../contract/divisions/codes.js';
import { ruleSection } from '../../platform/rules/rule-set.js';

/**
 * Which organisations may lead a case (rule data per division, issue 15): an organisation kind and
 * the levels of division it may sit at. By default the civil affairs bureau (county and above), the
 * minor rescue-protection centre (county and city), the township government and the village
 * committee — the bodies the mechanism gives case work to; a school or a social work organisation
 * takes part through referrals, it does not lead.
 */
export const caseLeadRules = ruleSection(
  'caseLead',
  z.object({
    mayLead: z.array(z.object({ kind: z.string().min(1), levels: z.array(z.enum(divisionLevels)).min(1) })).default([
      { kind: 'civil_affairs_bureau', levels: ['province', 'city', 'county'] },
      { kind: 'minor_protection_centre', levels: ['city', 'county'] },
      { kind: 'township_government', levels: ['township'] },
      { kind: 'village_committee', levels: ['village'] },
    ]),
  }),
);
