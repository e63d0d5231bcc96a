import { stopClocks } from '../../core/clocks/index.js';
import { defineWorkflow, type ActionEffect, type Subject } from '../../core/workflow/definition.js';
import { systemScope } from '../../core/scope/system-scope.js';
import { recipientVisibleTo } from './access.js';
import { type RecipientAction, type RecipientStatus, recipientStatusTable } from './rules.js';
import './messages.js';
import './tables.js';

export interface RecipientFields {
  reportId: string;
  role: string;
}
type LockedRecipient = Subject<RecipientStatus, RecipientAction, RecipientFields>;
export type RecipientActionInput = { type: 'acknowledge'; expectedSeq?: number };

/** Acknowledging receipt: the copy records who and when, and its clock stops (met, or missed when late). */
const acknowledge: ActionEffect<LockedRecipient, RecipientActionInput> = async ({
  uow: { trx, actor },
  subject,
  at,
}) => {
  await trx
    .updateTable('report_recipients')
    .where(systemScope('the recipient row the engine locked through recipientVisibleTo'))
    .set({ acknowledged_at: at, acknowledged_by: actor.userId })
    .where('id', '=', subject.id)
    .execute();
  const clock = await trx
    .selectFrom('clocks')
    .select('due_at')
    .where('subject_id', '=', subject.id)
    .where('rule', '=', 'report.acknowledge')
    .executeTakeFirst();
  const late = clock ? at > clock.due_at : false;
  return {
    payload: { late },
    audit: { recipient: subject.role, late },
    after: async (seq) =>
      void (await stopClocks(trx, { subjectId: subject.id, rules: ['report.acknowledge'] }, at, seq)),
  };
};

/**
 * A receiver's copy of a report on the workflow engine. Only the receiving organisation acts on it
 * (`recipientVisibleTo`: the child's scope does not matter, a report may name no registered child);
 * the entries are not steps on the child's timeline (the report's own `report.received` is), and
 * the audit names the report.
 */
export const recipientWorkflow = defineWorkflow<
  RecipientStatus,
  RecipientAction,
  RecipientActionInput,
  RecipientFields
>({
  ...recipientStatusTable,
  name: 'reports',
  entity: 'report_recipient',
  log: {
    subjects: 'report_recipients',
    actions: 'report_recipient_actions',
    subjectKey: 'recipient_id',
    fields: (row) => ({ reportId: String(row.report_id), role: String(row.role) }),
    visibleTo: (trx, actor) =>
      trx.selectFrom('report_recipients').select('report_recipients.id').where(recipientVisibleTo(actor)),
  },
  effects: { acknowledge },
  auditedAs: (subject) => ({ entityType: 'report', entityId: subject.reportId }),
});
