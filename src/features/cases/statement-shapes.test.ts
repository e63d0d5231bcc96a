import { describe, expect, it } from 'vitest';
import { lockStatement } from '../../core/workflow/log.js';
import type { Actor } from '../../platform/access/actor.js';
import { actorShapeKey, StatementShapes } from '../../platform/db/statement-shapes.js';
import { caseReadStatement } from './view.js';
import { caseWorkflow } from './workflow.js';

import { compileOnlyDb as db, scopeShapeActors } from '../../../test/support/compile-only.js';

const actors = scopeShapeActors(['cases.read', 'cases.act']);

// The same kind of cache the action uses (log.ts, view.ts), with the builders they use.
const trx = db as unknown as Parameters<typeof lockStatement>[0];
describe("a case action's statements, compiled once per actor shape (issue 21)", () => {
  it('are, for every action, the statements built afresh: same text, same parameters', () => {
    const locks = new StatementShapes<unknown, { id: string }>(['id']);
    const reads = new StatementShapes<unknown, { id: string }>(['id']);
    for (const round of [1, 2])
      for (const [n, actor] of actors.entries()) {
        const id = `00000000-0000-4000-8000-00000000c${round}${n}`.slice(0, 36);
        const asked = { ...actor, requestId: `r${round}` };
        const lock = locks.statement(actorShapeKey(asked), { id }, (marks) =>
          lockStatement(trx, asked, caseWorkflow, marks.id),
        );
        const freshLock = lockStatement(trx, actor, caseWorkflow, id);
        expect(lock.sql).toBe(freshLock.sql);
        expect(lock.parameters).toEqual(freshLock.parameters);
        const read = reads.statement(actorShapeKey(asked), { id }, (marks) => caseReadStatement(db, asked, marks.id));
        const freshRead = caseReadStatement(db, actor, id);
        expect(read.sql).toBe(freshRead.sql);
        expect(read.parameters).toEqual(freshRead.parameters);
      }
    expect(locks.size).toBe(actors.length);
  });

  it("keeps one actor's scope out of another's statement", () => {
    const [county, township] = actors;
    const id = '00000000-0000-4000-8000-0000000000c9';
    const locks = new StatementShapes<unknown, { id: string }>(['id']);
    const of = (actor: Actor) =>
      locks.statement(actorShapeKey(actor), { id }, (marks) => lockStatement(trx, actor, caseWorkflow, marks.id));
    expect(of(county!).parameters).not.toEqual(of(township!).parameters);
  });
});
