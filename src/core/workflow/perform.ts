import { accountableUserId, hasPermission } from '../../platform/access/actor.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError, forbidden, invalidInput, notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translate } from '../../platform/i18n/translate.js';
import type { ActionRequest, Subject, Workflow } from './definition.js';
import { appendEntry, lockSubject } from './log.js';
import { actionsOfStatus, alreadyTaken, isAllowed, refusedByFourEyes, type WorkflowState } from './rules.js';

/** 409 naming the status and every action it allows, in the caller's language. */
export function actionNotAllowed<S extends string, A extends string, I extends ActionRequest<A>, F>(
  workflow: Workflow<S, A, I, F>,
  locale: Locale,
  state: WorkflowState<S, A>,
  type: A,
  current?: unknown,
): DomainError {
  const allowed = actionsOfStatus(workflow, state.status);
  const names = allowed
    .map((name) => translate(locale, `${workflow.name}.action.${name}`))
    .join(locale === 'zh-CN' ? '、' : ', ');
  return new DomainError(
    `${workflow.name}.action_not_allowed`,
    409,
    { status: state.status, action: type, allowed: names || translate(locale, `${workflow.name}.none`) },
    { status: state.status, allowedActions: allowed, current },
  );
}

/** What an action came to: the subject's version and status, the payload recorded (none when repeated). */
export interface ActionOutcome<S extends string> {
  seq: number;
  status: S;
  payload: Record<string, unknown>;
  /** An idempotent action found its work done: nothing was recorded. */
  repeated: boolean;
}

/**
 * One action a person takes on a subject: permission, the subject locked through the scope, the
 * version the caller saw (a stale one is a 409 with the current subject, never applied), the status
 * table (a 409 naming what is allowed; an idempotent action already taken answers as it stands),
 * four eyes, the payload schema, the effects, the append and the timeline entry, the audit.
 */
export async function performAction<S extends string, A extends string, I extends ActionRequest<A>, F>(
  uow: UnitOfWork,
  workflow: Workflow<S, A, I, F>,
  subjectId: string,
  input: I,
  at: Date,
): Promise<ActionOutcome<S>> {
  const { trx, actor } = uow;
  const rule = workflow.actions[input.type];
  if (!hasPermission(actor, rule.permission)) throw forbidden(rule.permission);
  const subject = await lockSubject(trx, actor, workflow, subjectId);
  if (!subject) throw notFound(translate(actor.locale, `${workflow.name}.entity`), subjectId);
  const current = () => workflow.present?.(trx, actor, subjectId);
  if (input.expectedSeq === undefined && !rule.idempotent)
    throw invalidInput([{ path: 'body.expectedSeq', message: translate(actor.locale, 'field.required') }]);
  if (input.expectedSeq !== undefined && input.expectedSeq !== subject.seq)
    throw new DomainError(
      `${workflow.name}.stale`,
      409,
      { ...workflow.describe?.(subject), expected: input.expectedSeq, current: subject.seq },
      { current: await current() },
    );
  if (!rule.system && alreadyTaken(workflow, subject.state, input.type))
    return { seq: subject.seq, status: subject.state.status, payload: {}, repeated: true };
  if (rule.system || !isAllowed(workflow, subject.state, input.type))
    throw actionNotAllowed(workflow, actor.locale, subject.state, input.type, await current());
  if (rule.fourEyes && refusedByFourEyes(workflow, subject.state, input.type, accountableUserId(actor)))
    throw new DomainError(rule.fourEyes.refusal, 403);
  const parsed = parsePayload(workflow, input);
  const effect = await workflow.effects[input.type]?.({
    uow,
    subject,
    input: parsed as Extract<I, { type: A }>,
    at,
  });
  const { type, expectedSeq: _expected, ...sent } = parsed;
  const payload = { ...sent, ...effect?.payload };
  const next = await appendEntry(trx, actor, workflow, subject, { type, payload, at, timeline: effect?.timeline });
  await effect?.after?.(next.seq);
  const record = workflow.auditedAs?.(subject) ?? { entityType: workflow.entity, entityId: subjectId };
  uow.audit({
    ...record,
    childId: subject.childId,
    details: { type, seq: next.seq, status: next.status, ...effect?.audit },
  });
  return { seq: next.seq, status: next.status, payload, repeated: false };
}

/** A caller inside the server (another feature's use case, the demo) is held to the same schema as HTTP. */
function parsePayload<S extends string, A extends string, I extends ActionRequest<A>, F>(
  workflow: Workflow<S, A, I, F>,
  input: I,
): I {
  const schema = workflow.payloads?.[input.type];
  if (!schema) return input;
  const result = schema.safeParse(input);
  if (!result.success)
    throw invalidInput(
      result.error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message })),
    );
  return result.data as I;
}

/**
 * An entry the system records as a consequence (a report joining a case, a log's start): no
 * permission, version or four-eyes check, but the status table still holds.
 */
export async function recordSystemAction<S extends string, A extends string, I extends ActionRequest<A>, F>(
  uow: UnitOfWork,
  workflow: Workflow<S, A, I, F>,
  subject: Pick<Subject<S, A, F>, 'id' | 'state'> & { childId: string | null },
  entry: { type: A; payload: Record<string, unknown>; at: Date },
): Promise<WorkflowState<S, A>> {
  return appendEntry(uow.trx, uow.actor, workflow, subject, entry);
}
