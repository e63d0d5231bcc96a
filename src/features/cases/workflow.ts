import { childInScope } from '../../core/scope/child-scope.js';
import { childWhollyVisibleTo } from '../../core/scope/need-to-know.js';
import { defineWorkflow } from '../../core/workflow/definition.js';
import { caseEffects } from './effects.js';
import { type ActionInput, actionInputSchema } from './model.js';
import { type ActionType, type CaseStatus, caseStatusTable } from './rules.js';
import type { CaseFields } from './store.js';
import { readCase } from './view.js';
import './messages.js';

/** Each action's payload schema, from the request schema the API speaks. */
const payloads = Object.fromEntries(actionInputSchema.options.map((option) => [option.shape.type.value, option]));

/**
 * The case workflow: the status table (rules.ts), where its log lives, each action's payload and
 * effects. `core/workflow` runs it: scope lock, expected version, fold, four eyes, 409s, timeline, audit.
 */
export const caseWorkflow = defineWorkflow<CaseStatus, ActionType, ActionInput, CaseFields>({
  ...caseStatusTable,
  name: 'cases',
  entity: 'case',
  log: {
    subjects: 'cases',
    actions: 'case_actions',
    subjectKey: 'case_id',
    // Acting on a case needs the whole child: a referral's receiver reads the parts it was given
    // (and the case only with its summary), but takes no step in the case (404, as a stranger).
    visibleTo: (trx, actor) =>
      trx
        .selectFrom('cases')
        .innerJoin('children', 'children.id', 'cases.child_id')
        .select('cases.id')
        .where(childInScope(actor))
        .where(childWhollyVisibleTo(actor)),
    fields: (row) => ({
      caseNo: String(row.case_no),
      divisionCode: String(row.division_code),
      leadOrgId: String(row.lead_org_id),
    }),
  },
  payloads,
  effects: caseEffects,
  present: (trx, actor, id) => readCase(trx, actor, id, { audit: false }),
  describe: (kase) => ({ caseNo: kase.caseNo }),
});
