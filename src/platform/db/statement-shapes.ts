import type { CompiledQuery } from 'kysely';
import type { Actor } from '../access/actor.js';

/*
 * A statement whose text and most parameters depend only on who asks (the scope's predicates are
 * built from the actor), compiled once per such "shape" and then reused with the few values that
 * change per call (a subject's id). Building and compiling a scoped Kysely query on every request
 * was a tenth of the server's CPU per case action (issue 21, docs/performance.md session 17).
 *
 * The builder is called with a mark in place of each changing value; the marks' positions in the
 * compiled parameters are found once and filled per call. A mark the builder transformed (wrapped
 * in JSON, say) is not found: that is a programming error, thrown when the shape is first built.
 */

const markOf = (name: string) => `\u0000haven:mark:${name}`;

interface Shape<R> {
  statement: CompiledQuery<R>;
  at: [name: string, index: number][];
}

export class StatementShapes<R, V extends Record<string, unknown>> {
  private readonly shapes = new Map<string, Shape<R>>();

  /** `names`: the values that change per call. `max`: shapes kept before the cache starts over. */
  constructor(
    private readonly names: readonly (keyof V & string)[],
    private readonly max = 2_000,
  ) {}

  /**
   * The statement for `key` with `values` filled in. `build` runs only for a key not seen yet: it gets
   * a mark for each value and must pass it through unchanged as a parameter; everything else it
   * reads must be decided by `key`.
   */
  statement(key: string, values: V, build: (marks: { [K in keyof V]: string }) => CompiledQuery<R>): CompiledQuery<R> {
    let shape = this.shapes.get(key);
    if (!shape) {
      shape = this.compile(build);
      if (this.shapes.size >= this.max) this.shapes.clear();
      this.shapes.set(key, shape);
    }
    const parameters = [...shape.statement.parameters];
    for (const [name, index] of shape.at) parameters[index] = values[name];
    return { ...shape.statement, parameters };
  }

  get size(): number {
    return this.shapes.size;
  }

  private compile(build: (marks: { [K in keyof V]: string }) => CompiledQuery<R>): Shape<R> {
    const marks = Object.fromEntries(this.names.map((name) => [name, markOf(name)])) as { [K in keyof V]: string };
    const statement = build(marks);
    const at: [string, number][] = [];
    statement.parameters.forEach((value, index) => {
      const name = this.names.find((n) => markOf(n) === value);
      if (name) at.push([name, index]);
    });
    const missing = this.names.filter((name) => !at.some(([found]) => found === name));
    if (missing.length > 0) throw new Error(`A shaped statement lost its parameter(s) ${missing.join(', ')}.`);
    // A moment among the kept parameters would be the first call's for every later one: a rule that
    // depends on the time (a grant's end, say) would keep deciding as of then.
    if (statement.parameters.some((value) => value instanceof Date))
      throw new Error(
        'A shaped statement holds a moment: pass it as a changing value, or build the statement per call.',
      );
    return { statement, at };
  }
}

const actorKeys = new WeakMap<Actor, string>();

/**
 * Everything of an actor a scope predicate may read (not the request's id, address or language):
 * a key under which a statement built from the actor can be kept.
 */
export function actorShapeKey(actor: Actor): string {
  let key = actorKeys.get(actor);
  if (key === undefined) {
    key = JSON.stringify([
      actor.kind,
      actor.userId,
      actor.organisationId,
      actor.roles,
      [...actor.permissions].sort(),
      actor.jurisdiction,
      actor.childJurisdiction ?? null,
      actor.token ? [actor.token.id, actor.token.createdBy, actor.token.canMint] : null,
    ]);
    actorKeys.set(actor, key);
  }
  return key;
}
