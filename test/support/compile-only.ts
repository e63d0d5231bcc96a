import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { Actor } from '../../src/platform/access/actor.js';
import type { Database } from '../../src/platform/db/schema.js';

/** A Kysely that compiles statements and never connects: for tests of the statements themselves. */
export const compileOnlyDb = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A county civil-affairs officer of Shashi district, with `overrides`. */
export const officer = (permissions: string[], overrides: Partial<Actor> = {}): Actor => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-0000000000a1',
  label: '张伟 (沙市区民政局)',
  roles: ['civil_affairs_officer'],
  permissions: new Set(permissions),
  jurisdiction: ['421002000000'],
  childJurisdiction: ['421002000000'],
  locale: 'zh-CN',
  ip: '127.0.0.1',
  requestId: 'r1',
  ...overrides,
});

/**
 * Actors whose scopes differ in every way a scope rule reads: the county, one of its townships, a
 * social organisation seeing children only through its cases, a city officer, the system.
 */
export const scopeShapeActors = (permissions: string[]): Actor[] => [
  officer(permissions),
  officer(permissions, { jurisdiction: ['421002101000'], childJurisdiction: ['421002101000'] }),
  officer(permissions, { organisationId: '00000000-0000-4000-8000-0000000000b2', childJurisdiction: [] }),
  officer(permissions, {
    userId: '00000000-0000-4000-8000-000000000002',
    jurisdiction: ['421000000000'],
    childJurisdiction: undefined,
  }),
  officer(permissions, {
    kind: 'system',
    userId: null,
    organisationId: null,
    jurisdiction: [],
    childJurisdiction: undefined,
  }),
];
