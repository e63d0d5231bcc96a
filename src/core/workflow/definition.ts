import type { Expression, RawBuilder, SqlBool, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import type { ErrorParams } from '../../platform/errors.js';
import { defineStatusTable, type StatusTable, type WorkflowState } from './rules.js';

/** A subject locked for one change: its row's fields, and its state folded from the log. */
export type Subject<S extends string, A extends string, F> = F & {
  id: string;
  /** The subject's child (`child_id`); null on a subject about no child, or whose table has none. */
  childId: string;
  seq: number;
  state: WorkflowState<S, A>;
};

/** What an action does besides being recorded. */
export interface EffectResult {
  /** Added to the stored payload (computed results such as a risk grade). */
  payload?: Record<string, unknown>;
  /** Before/after on the child's timeline entry of the action. */
  timeline?: { before?: Record<string, unknown>; after?: Record<string, unknown> };
  /** Runs once the action is appended (clocks stopped or started by its seq). */
  after?: (seq: number) => Promise<void>;
  /** Added to the audit entry's details (what an auditor needs beside the type, e.g. whether it was late). */
  audit?: Record<string, unknown>;
}

export interface ActionContext<Subj, I> {
  uow: UnitOfWork;
  subject: Subj;
  input: I;
  at: Date;
}

export type ActionEffect<Subj, I> = (context: ActionContext<Subj, I>) => Promise<EffectResult | undefined>;

/**
 * An action as a caller sends it: its type, the version it saw, and its payload. The version may be
 * left out only for an idempotent action (its outcome does not depend on what the caller saw).
 */
export interface ActionRequest<A extends string> {
  type: A;
  expectedSeq?: number;
}

/** The ids of the subjects an actor may see, by the feature's own read rule. */
export type SubjectsVisibleTo = (trx: Transaction<Database>, actor: Actor) => Expression<{ id: string }>;

export interface WorkflowDefinition<S extends string, A extends string, I extends ActionRequest<A>, F>
  extends StatusTable<S, A> {
  /** Namespace of its messages and errors: `<name>.stale`, `<name>.action_not_allowed`, `<name>.action.<a>`, `<name>.entity`. */
  name: string;
  /** The entity in the audit and on the child's timeline (kind `<entity>.<action>`). */
  entity: string;
  /**
   * Where the log lives: the subject table (id, child_id, seq) and its append-only log (the
   * subject key, seq, type, status_after, payload, actor and accountable columns, occurred_at).
   */
  log: {
    subjects: string;
    actions: string;
    subjectKey: string;
    /** The subject's own fields, read from its row when it is locked. */
    fields: (row: Readonly<Record<string, unknown>>) => F;
    /**
     * Who else sees the subject besides those with its child in scope: a condition on the subject
     * row (alias `s`), e.g. the organisation a referral is sent to, which sees the child only once
     * it accepts. Without it, the child's scope alone.
     */
    alsoVisibleTo?: (actor: Actor) => RawBuilder<SqlBool>;
    /**
     * Who may act on a subject is who may read it: the feature's read rule as a query of the ids it
     * lets through, e.g. `trx.selectFrom('referrals').select('referrals.id').where(referralVisibleTo(actor))`.
     * A subject the caller cannot read answers 404 to an action as to a read. Replaces the default
     * (the child in scope, or `alsoVisibleTo`).
     */
    visibleTo?: SubjectsVisibleTo;
  };
  /**
   * The record the audit names when the subject is a part of a larger one (a report's recipient is
   * audited on its report); default: `entity` and the subject's id.
   */
  auditedAs?: (subject: Subject<S, A, F>) => { entityType: string; entityId: string };
  /** The payload schema of each action a caller sends; the engine parses with it before any effect. */
  payloads?: Partial<Record<A, z.ZodType>>;
  /** Per action: what it does besides being recorded. */
  effects: { [K in A]?: ActionEffect<Subject<S, A, F>, Extract<I, { type: K }>> };
  /** A 409 carries the subject as the caller reads it, so the page can redraw. */
  present?: (trx: Transaction<Database>, actor: Actor, id: string) => Promise<unknown>;
  /** Parameters that name the subject in a stale-version message (e.g. its case number). */
  describe?: (subject: Subject<S, A, F>) => ErrorParams;
}

export type Workflow<S extends string, A extends string, I extends ActionRequest<A>, F> = WorkflowDefinition<
  S,
  A,
  I,
  F
>;

/**
 * Declares a workflow: its statuses, its actions (from, to, permission, four eyes, payload) and
 * their effects. The status table is checked here, once, so a typo fails at start-up.
 */
export function defineWorkflow<S extends string, A extends string, I extends ActionRequest<A>, F>(
  definition: WorkflowDefinition<S, A, I, F>,
): Workflow<S, A, I, F> {
  defineStatusTable(definition);
  for (const type of Object.keys(definition.effects))
    if (!(type in definition.actions))
      throw new Error(`workflow ${definition.name}: effect for unknown action ${type}`);
  return definition;
}
