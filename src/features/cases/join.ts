import { lockSubject } from '../../core/workflow/log.js';
import { recordSystemAction } from '../../core/workflow/perform.js';
import { systemActor } from '../../platform/access/actor.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { openCaseOfChild } from './store.js';
import { caseWorkflow } from './workflow.js';
import { systemScope } from '../../core/scope/system-scope.js';

/**
 * A report about a child with an open case joins that case (several reports, one case). Recorded
 * as an action of the case so the log shows when it arrived; needs no case permission of the reporter.
 */
export async function joinOpenCase(
  uow: UnitOfWork,
  childId: string,
  reportId: string,
  at: Date,
): Promise<string | null> {
  const { trx } = uow;
  await trx
    .selectFrom('children')
    .where(systemScope('the child of a report its caller may see'))
    .select('id')
    .where('id', '=', childId)
    .forUpdate()
    .executeTakeFirst();
  const caseId = await openCaseOfChild(trx, childId);
  if (!caseId) return null;
  const kase = await lockSubject(trx, systemActor('report-join'), caseWorkflow, caseId);
  if (!kase) return null;
  await trx
    .updateTable('reports')
    .where(systemScope('the report its caller is joining to the case'))
    .set({ case_id: caseId })
    .where('id', '=', reportId)
    .execute();
  await recordSystemAction(uow, caseWorkflow, kase, { type: 'report_joined', payload: { reportId }, at });
  return caseId;
}
