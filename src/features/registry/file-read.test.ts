import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import type { Database } from '../../platform/db/schema.js';
import { buildReadStatement, readStatement } from './file-read.js';

// Compiles only: no connection.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const person = (overrides: Partial<Actor>): Actor => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-0000000000a1',
  label: '张伟 (沙市区民政局)',
  roles: ['civil_affairs_officer'],
  permissions: new Set(['children.read']),
  jurisdiction: ['421002000000'],
  childJurisdiction: ['421002000000'],
  locale: 'zh-CN',
  ip: '127.0.0.1',
  requestId: 'r1',
  ...overrides,
});

const actors: Actor[] = [
  person({}),
  person({ jurisdiction: ['421002101000'], childJurisdiction: ['421002101000'] }),
  // A social organisation: children only through its cases.
  person({ organisationId: '00000000-0000-4000-8000-0000000000b2', childJurisdiction: [] }),
  person({
    userId: '00000000-0000-4000-8000-000000000002',
    jurisdiction: ['421000000000'],
    childJurisdiction: undefined,
  }),
  person({ kind: 'system', userId: null, organisationId: null, jurisdiction: [], childJurisdiction: undefined }),
];

describe("the file read's statement, compiled once per actor shape", () => {
  it('is, for every read, the statement built afresh: same text, same parameters', () => {
    for (const round of [1, 2])
      for (const [n, actor] of actors.entries()) {
        const id = `00000000-0000-4000-8000-00000000c${round}${n}`.slice(0, 36);
        const cached = readStatement(db, { ...actor, requestId: `r${round}` }, id);
        const fresh = buildReadStatement(db, actor, id);
        expect(cached.sql).toBe(fresh.sql);
        expect(cached.parameters).toEqual(fresh.parameters);
      }
  });

  it("keeps one actor's scope out of another's statement", () => {
    const [county, township] = actors;
    const id = '00000000-0000-4000-8000-0000000000c9';
    expect(readStatement(db, county!, id).parameters).not.toEqual(readStatement(db, township!, id).parameters);
  });
});
