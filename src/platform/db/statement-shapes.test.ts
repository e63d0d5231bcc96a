import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { actorShapeKey, StatementShapes } from './statement-shapes.js';

import { compileOnlyDb as db, officer } from '../../../test/support/compile-only.js';

const person = (overrides: Parameters<typeof officer>[1]) => officer(['cases.read', 'cases.act'], overrides);

describe('a statement compiled once per shape', () => {
  it('builds once per key and fills the changing values in where the marks were, every time', () => {
    const shapes = new StatementShapes<{ id: string }, { id: string; at: string }>(['id', 'at']);
    let built = 0;
    const build = (prefix: string) => (marks: { id: string; at: string }) => {
      built += 1;
      return sql<{
        id: string;
      }>`SELECT id FROM children WHERE id = ${marks.id} AND residence_code LIKE ${prefix} AND updated_at < ${marks.at} OR id = ${marks.id}`.compile(
        db,
      );
    };
    const a = shapes.statement('a', { id: 'x1', at: 't1' }, build('4210%'));
    const b = shapes.statement('a', { id: 'x2', at: 't2' }, build('9999%'));
    const c = shapes.statement('c', { id: 'x3', at: 't3' }, build('4211%'));
    expect(built).toBe(2);
    expect(a.parameters).toEqual(['x1', '4210%', 't1', 'x1']);
    // The key decided the shape: the second call's builder (another prefix) never ran.
    expect(b.parameters).toEqual(['x2', '4210%', 't2', 'x2']);
    expect(c.parameters).toEqual(['x3', '4211%', 't3', 'x3']);
    expect(b.sql).toBe(a.sql);
    expect(shapes.size).toBe(2);
  });

  it('refuses a builder that does not pass a value through as a parameter', () => {
    const shapes = new StatementShapes<unknown, { id: string }>(['id']);
    expect(() =>
      shapes.statement('k', { id: 'x' }, (marks) => sql`SELECT ${JSON.stringify({ id: marks.id })}`.compile(db)),
    ).toThrow(/lost its parameter/);
  });

  it("refuses a statement that keeps a moment, which would be the first call's for every later one", () => {
    const shapes = new StatementShapes<unknown, { id: string }>(['id']);
    expect(() =>
      shapes.statement('k', { id: 'x' }, (marks) => sql`SELECT ${marks.id} WHERE now() < ${new Date()}`.compile(db)),
    ).toThrow(/holds a moment/);
    const at = new StatementShapes<unknown, { id: string; at: Date }>(['id', 'at']);
    const statement = at.statement('k', { id: 'x', at: new Date(0) }, (marks) =>
      sql`SELECT ${marks.id} WHERE now() < ${marks.at}`.compile(db),
    );
    expect(statement.parameters).toEqual(['x', new Date(0)]);
  });

  it('starts over when full, so a text that varies without end cannot grow it', () => {
    const shapes = new StatementShapes<unknown, { id: string }>(['id'], 3);
    for (let i = 0; i < 10; i += 1)
      shapes.statement(`k${i}`, { id: 'x' }, (marks) => sql`SELECT ${marks.id}, ${i}`.compile(db));
    expect(shapes.size).toBeLessThanOrEqual(3);
  });
});

describe("an actor's shape", () => {
  it('ignores the request (its id, address, language) and nothing the scope reads', () => {
    const base = person({});
    expect(actorShapeKey(person({ requestId: 'r2', ip: '10.0.0.1', locale: 'en' }))).toBe(actorShapeKey(base));
    for (const other of [
      person({ jurisdiction: ['421003'] }),
      person({ childJurisdiction: [] }),
      person({ organisationId: null }),
      person({ userId: '00000000-0000-4000-8000-000000000002' }),
      person({ kind: 'token', token: { id: 't', createdBy: null, canMint: false, expiresAt: new Date(0) } }),
      person({ roles: ['viewer'] }),
      person({ permissions: new Set(['cases.read']) }),
    ])
      expect(actorShapeKey(other)).not.toBe(actorShapeKey(base));
  });
});
