import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { unitOfWork } from '../../platform/db/unit-of-work.js';
import { DomainError } from '../../platform/errors.js';
import { defineWorkflow } from './definition.js';
import { performAction, recordSystemAction } from './perform.js';
import { defineStatusTable, initialState } from './rules.js';
import { type RequestAction, type RequestStatus, requestTable } from './test-workflow.js';

type RequestInput =
  | { type: Exclude<RequestAction, 'note'>; expectedSeq: number }
  | { type: 'note'; expectedSeq: number; text: string };

const afterSeqs: number[] = [];
const requests = defineWorkflow<RequestStatus, RequestAction, RequestInput, { title: string }>({
  ...requestTable,
  name: 'requests',
  entity: 'request',
  log: {
    subjects: 'test_requests',
    actions: 'test_request_actions',
    subjectKey: 'request_id',
    fields: (row) => ({ title: String(row.title) }),
  },
  payloads: { note: z.object({ type: z.literal('note'), expectedSeq: z.number(), text: z.string().min(1) }) },
  effects: {
    submit: async ({ subject }) => ({
      payload: { titleAtSubmit: subject.title },
      timeline: { after: { submitted: true } },
      after: async (seq) => void afterSeqs.push(seq),
    }),
  },
  present: async (_trx, _actor, id) => ({ id, presented: true }),
  describe: (subject) => ({ title: subject.title }),
});

let database: TestDatabase;
let childId: string;
let alice: string;
let bob: string;
let organisationId: string;

const person = (userId: string, permissions = ['requests.write', 'requests.approve']): Actor => ({
  kind: 'user',
  userId,
  organisationId,
  label: `user:${userId}`,
  roles: [],
  permissions: new Set(permissions),
  jurisdiction: ['421002000000'],
  locale: 'en',
  ip: null,
  requestId: null,
});
/** An API token minted by `owner`: no user of its own, the owner answers for it. */
const tokenOf = (owner: string): Actor => ({
  ...person(owner),
  kind: 'token',
  userId: null,
  label: `token:${owner}`,
  token: { id: `t-${owner}`, createdBy: owner, canMint: false, expiresAt: new Date(Date.now() + 86_400_000) },
});

const act = (actor: Actor, id: string, input: RequestInput, key?: string) =>
  unitOfWork(
    database.db,
    actor,
    `request.${input.type}`,
    (uow) => performAction(uow, requests, id, input, new Date()),
    key ? { key, request: input } : undefined,
  );
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      return error;
    },
  );
const log = async (id: string) =>
  (
    await sql<{ seq: number; type: string; status_after: string; accountable_user_id: string | null }>`
      SELECT seq, type, status_after, accountable_user_id FROM test_request_actions WHERE request_id = ${id} ORDER BY seq`.execute(
      database.db,
    )
  ).rows;

async function newRequest(title = 'a request', child = childId): Promise<string> {
  const row = await sql<{
    id: string;
  }>`INSERT INTO test_requests (child_id, title) VALUES (${child}, ${title}) RETURNING id`.execute(database.db);
  const id = row.rows[0]!.id;
  await unitOfWork(database.db, systemActor('test'), 'request.create', (uow) =>
    recordSystemAction(
      uow,
      requests,
      { id, childId: child, state: initialState(requests) },
      {
        type: 'create',
        payload: {},
        at: new Date(),
      },
    ),
  );
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await sql`
    CREATE TABLE test_requests (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), child_id uuid NOT NULL REFERENCES children(id),
      seq integer NOT NULL DEFAULT 0, title text NOT NULL)`.execute(db);
  await sql`
    CREATE TABLE test_request_actions (id bigserial PRIMARY KEY, request_id uuid NOT NULL REFERENCES test_requests(id),
      seq integer NOT NULL, type text NOT NULL, status_after text NOT NULL, payload jsonb NOT NULL,
      actor_user_id uuid, accountable_user_id uuid, actor_org_id uuid, actor_label text NOT NULL,
      occurred_at timestamptz NOT NULL, UNIQUE (request_id, seq))`.execute(db);
  organisationId = (
    await db
      .insertInto('organisations')
      .values({ name: '测试民政局', kind: 'civil_affairs_bureau', division_code: '421002000000' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  [alice, bob] = (await Promise.all(
    ['alice', 'bob'].map(
      async (username) =>
        (
          await db
            .insertInto('users')
            .values({
              username,
              display_name: username,
              organisation_id: organisationId,
              jurisdiction_code: '421002000000',
              password_hash: 'x',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
    ),
  )) as [string, string];
  childId = (
    await db
      .insertInto('children')
      .values({ name: '测试儿童', residence_code: '421002101201', hukou_code: '421002101201' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}, 120_000);
afterAll(async () => database?.drop());

describe('the workflow engine on a test workflow (real PostgreSQL)', () => {
  it('appends an action: log, version, effects, the timeline at the action time, the audit', async () => {
    const id = await newRequest('照护申请');
    const at = new Date('2026-03-01T02:00:00Z');
    await unitOfWork(database.db, person(alice), 'request.submit', (uow) =>
      performAction(uow, requests, id, { type: 'submit', expectedSeq: 1 }, at),
    );
    expect(await log(id)).toEqual([
      { seq: 1, type: 'create', status_after: 'draft', accountable_user_id: null },
      { seq: 2, type: 'submit', status_after: 'submitted', accountable_user_id: alice },
    ]);
    const subject = await sql<{ seq: number }>`SELECT seq FROM test_requests WHERE id = ${id}`.execute(database.db);
    expect(subject.rows[0]!.seq).toBe(2);
    const stored = await sql<{ payload: unknown }>`
      SELECT payload FROM test_request_actions WHERE request_id = ${id} AND seq = 2`.execute(database.db);
    expect(stored.rows[0]!.payload).toEqual({ titleAtSubmit: '照护申请' });
    expect(afterSeqs).toContain(2);
    const timeline = await database.db
      .selectFrom('child_timeline')
      .select(['kind', 'occurred_at', 'after', 'details', 'actor_user_id'])
      .where('entity_id', '=', id)
      .where('kind', '=', 'request.submit')
      .executeTakeFirstOrThrow();
    expect(timeline).toMatchObject({ after: { submitted: true }, details: { seq: 2, status: 'submitted' } });
    expect(timeline.occurred_at.toISOString()).toBe(at.toISOString());
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'details', 'child_id'])
      .where('entity_type', '=', 'request')
      .where('entity_id', '=', id)
      .where('action', '=', 'request.submit')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ child_id: childId, details: { type: 'submit', seq: 2, status: 'submitted' } });
  });

  it('outside the scope the subject answers 404 like a missing one, and nothing is appended', async () => {
    const id = await newRequest();
    const elsewhere = { ...person(alice), jurisdiction: ['420100000000'] };
    const error = await refusal(act(elsewhere, id, { type: 'submit', expectedSeq: 1 }));
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect((await log(id)).map((e) => e.type)).toEqual(['create']);
  });

  it('a stale expectedSeq is refused with 409 and the current subject, never applied', async () => {
    const id = await newRequest('旧版本');
    await act(person(alice), id, { type: 'note', expectedSeq: 1, text: '补充材料' });
    const error = await refusal(act(person(bob), id, { type: 'submit', expectedSeq: 1 }));
    expect(error).toMatchObject({
      code: 'requests.stale',
      status: 409,
      params: { title: '旧版本', expected: 1, current: 2 },
      details: { current: { id, presented: true } },
    });
    expect((await log(id)).map((e) => e.type)).toEqual(['create', 'note']);
  });

  it('two people acting on the same version at once: one is applied, the other is stale', async () => {
    const id = await newRequest();
    const results = await Promise.allSettled([
      act(person(alice), id, { type: 'submit', expectedSeq: 1 }),
      act(person(bob), id, { type: 'withdraw', expectedSeq: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'requests.stale' });
    expect(await log(id)).toHaveLength(2);
  });

  it('an action the status does not allow: 409 naming the status and what it allows; system actions are not for people', async () => {
    const id = await newRequest();
    const error = await refusal(act(person(bob), id, { type: 'approve', expectedSeq: 1 }));
    expect(error).toMatchObject({
      code: 'requests.action_not_allowed',
      status: 409,
      params: { status: 'draft', action: 'approve' },
      details: { status: 'draft', allowedActions: ['note', 'submit', 'withdraw'], current: { id } },
    });
    const linked = await refusal(act(person(bob), id, { type: 'linked', expectedSeq: 1 }));
    expect(linked.code).toBe('requests.action_not_allowed');
    expect(await log(id)).toHaveLength(1);
  });

  it('a permission the action needs is checked first (403)', async () => {
    const id = await newRequest();
    await act(person(alice), id, { type: 'submit', expectedSeq: 1 });
    const error = await refusal(act(person(bob, ['requests.write']), id, { type: 'approve', expectedSeq: 2 }));
    expect(error).toMatchObject({ code: 'forbidden', status: 403, params: { permission: 'requests.approve' } });
  });

  it('four eyes: neither the submitter nor her own API token approves; another person does', async () => {
    const id = await newRequest();
    await act(person(alice), id, { type: 'submit', expectedSeq: 1 });
    for (const self of [person(alice), tokenOf(alice)]) {
      const error = await refusal(act(self, id, { type: 'approve', expectedSeq: 2 }));
      expect(error).toMatchObject({ code: 'requests.own_request', status: 403 });
    }
    await act(person(bob), id, { type: 'approve', expectedSeq: 2 });
    expect((await log(id)).at(-1)).toMatchObject({
      type: 'approve',
      status_after: 'approved',
      accountable_user_id: bob,
    });
  });

  it('four eyes: what a token submitted, the person who owns it cannot approve', async () => {
    const id = await newRequest();
    await act(tokenOf(alice), id, { type: 'submit', expectedSeq: 1 });
    expect((await log(id)).at(-1)).toMatchObject({ type: 'submit', accountable_user_id: alice });
    const error = await refusal(act(person(alice), id, { type: 'approve', expectedSeq: 2 }));
    expect(error.code).toBe('requests.own_request');
    await act(tokenOf(bob), id, { type: 'approve', expectedSeq: 2 });
  });

  it('a "back" action returns to the status before; the payload schema holds for callers inside the server', async () => {
    const id = await newRequest();
    await act(person(alice), id, { type: 'submit', expectedSeq: 1 });
    await act(person(bob), id, { type: 'send_back', expectedSeq: 2 });
    expect((await log(id)).at(-1)).toMatchObject({ type: 'send_back', status_after: 'draft' });
    const error = await refusal(act(person(alice), id, { type: 'note', expectedSeq: 3, text: '' }));
    expect(error).toMatchObject({ code: 'invalid_input', status: 400 });
    expect(await log(id)).toHaveLength(3);
  });

  it('the same idempotency key twice records the action once and replays the result', async () => {
    const id = await newRequest();
    const input = { type: 'note' as const, expectedSeq: 1, text: '一次' };
    const first = await act(person(alice), id, input, `${id}:k1`);
    const second = await act(person(alice), id, input, `${id}:k1`);
    expect(first).toMatchObject({ replayed: false, result: { seq: 2 } });
    expect(second).toMatchObject({ replayed: true, result: { seq: 2 } });
    expect(await log(id)).toHaveLength(2);
  });
});

// A second workflow over the same tables: an idempotent receipt, acted on only by whoever the
// feature's read rule lets through (here: the request titled with the actor's label), audited on a
// record it belongs to.
type ReceiptStatus = 'open' | 'seen';
type ReceiptInput = { type: 'seen'; expectedSeq?: number } | { type: 'close'; expectedSeq?: number };
const receipts = defineWorkflow<ReceiptStatus, 'seen' | 'close', ReceiptInput, { title: string }>({
  ...defineStatusTable<ReceiptStatus, 'seen' | 'close'>({
    statuses: ['open', 'seen'],
    initial: 'open',
    actions: {
      seen: { from: ['open'], to: 'seen', permission: 'requests.write', idempotent: true },
      close: { from: ['open', 'seen'], to: 'same', permission: 'requests.write' },
    },
  }),
  name: 'requests',
  entity: 'receipt',
  log: {
    subjects: 'test_requests',
    actions: 'test_request_actions',
    subjectKey: 'request_id',
    fields: (row) => ({ title: String(row.title) }),
    visibleTo: (_trx, actor) => sql<{ id: string }>`SELECT id FROM test_requests WHERE title = ${actor.label}`,
  },
  effects: { seen: async () => ({ payload: { late: false }, audit: { note: 'first sight' } }) },
  auditedAs: (subject) => ({ entityType: 'request_book', entityId: subject.title }),
});

describe('the engine: idempotent actions, the read rule as the act rule, the audited record', () => {
  const take = (actor: Actor, id: string, input: ReceiptInput) =>
    unitOfWork(database.db, actor, `receipt.${input.type}`, (uow) =>
      performAction(uow, receipts, id, input, new Date()),
    );
  const receipt = async (title: string) =>
    (
      await sql<{
        id: string;
      }>`INSERT INTO test_requests (child_id, title) VALUES (${childId}, ${title}) RETURNING id`.execute(database.db)
    ).rows[0]!.id;

  it('an idempotent action needs no version; taking it again answers as it stands and records nothing', async () => {
    const id = await receipt(`user:${alice}`);
    const first = await take(person(alice), id, { type: 'seen' });
    expect(first.result).toEqual({ seq: 1, status: 'seen', payload: { late: false }, repeated: false });
    const again = await take(person(alice), id, { type: 'seen' });
    expect(again.result).toEqual({ seq: 1, status: 'seen', payload: {}, repeated: true });
    expect(await log(id)).toEqual([{ seq: 1, type: 'seen', status_after: 'seen', accountable_user_id: alice }]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'details'])
      .where('action', '=', 'receipt.seen')
      .where('entity_id', '=', `user:${alice}`)
      .execute();
    expect(audit).toEqual([
      {
        entity_type: 'request_book',
        entity_id: `user:${alice}`,
        details: { type: 'seen', seq: 1, status: 'seen', note: 'first sight' },
      },
    ]);
  });

  it('any other action still needs the version it was taken on (400 without it)', async () => {
    const id = await receipt(`user:${alice}`);
    const error = await refusal(take(person(alice), id, { type: 'close' }));
    expect(error).toMatchObject({ code: 'invalid_input', status: 400, details: [{ path: 'body.expectedSeq' }] });
    expect(await log(id)).toEqual([]);
  });

  it('with a read rule, a subject the caller cannot read is a 404 to an action too, child in scope or not', async () => {
    const id = await receipt(`user:${alice}`);
    const error = await refusal(take(person(bob), id, { type: 'seen' }));
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect(await log(id)).toEqual([]);
  });

  it('an idempotent action must lead to a status of its own', () => {
    expect(() =>
      defineStatusTable({
        statuses: ['open'],
        initial: 'open',
        actions: { seen: { from: ['open'], to: 'same', permission: 'x', idempotent: true } },
      }),
    ).toThrow(/idempotent/);
  });
});
