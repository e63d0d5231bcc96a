import { describe, expect, it } from 'vitest';
import { buildReadStatement, readStatement } from './file-read.js';

import { compileOnlyDb as db, scopeShapeActors } from '../../../test/support/compile-only.js';

const actors = scopeShapeActors(['children.read']);

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
