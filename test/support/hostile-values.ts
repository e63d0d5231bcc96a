import fc from 'fast-check';
import type { JsonSchema } from './openapi.js';

/*
 * Values for fuzzing the API from its own OpenAPI document: mostly of the declared shape (so
 * requests reach the handlers), each part sometimes replaced by something hostile.
 */

export const hostileStrings = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil',
  '\u2066isolate\u2069',
  '\u200Bzero',
  '\u0085next-line',
  '\u001B[31m',
  '\r\n\t',
  '',
  ' ',
  'x'.repeat(10_000),
  '王'.repeat(3_000),
  "'; DROP TABLE children; --",
  '%00',
  '../../etc/passwd',
  '=1+1',
  '👨‍👩‍👧',
  '__proto__',
  '9'.repeat(40),
  '-1',
  'NaN',
  '2026-02-30',
  '0000-00-00T25:61:00Z',
];

const hugeNumbers = [
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  1e21,
  2 ** 31,
  -(2 ** 31) - 1,
  0.1,
  -0,
];

export const hostileString = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ unit: 'binary', maxLength: 40 }));

/** Single characters that text must not smuggle in (and a line break, which only some fields take). */
const hostileCharacters = [
  '\u0000',
  '\u0000',
  '\uD800',
  '\uDC00',
  '\u202E',
  '\u2066',
  '\u200B',
  '\u0085',
  '\u0007',
  '\n',
];

/** Ordinary text with one hostile character inside, within the field's length: the case a form really sends. */
function taintedText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const half = Math.max(0, Math.floor((maxLength - 1) / 2));
  return fc
    .tuple(
      fc.string({ maxLength: Math.min(half, 12) }),
      fc.constantFrom(...hostileCharacters),
      fc.string({ maxLength: Math.min(half, 12) }),
    )
    .map(([before, character, after]) => `${before}${character}${after}`.padEnd(minLength, '好'));
}

const deepNesting = fc.integer({ min: 20, max: 200 }).map((depth) => {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
});

const wrongType = fc.constantFrom<unknown>(null, true, false, 0, -1, [], {}, 'text', [null], { '': '' });

/** Something a careless or hostile client might send where any value is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...hugeNumbers),
  wrongType,
  deepNesting,
);

/** Identifiers that exist (children, organisations, reports…) and real division codes, so requests reach past "not found". */
export interface KnownValues {
  ids: string[];
  divisionCodes: string[];
}
let known: KnownValues = { ids: [], divisionCodes: [] };
export function useKnownValues(values: KnownValues): void {
  known = values;
}

function wellTyped(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((alternative) => valueFor(alternative, depth)));
  if (schema.allOf && schema.allOf.length > 0) return valueFor(schema.allOf[0]!, depth);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => wellTyped({ ...schema, type }, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      // Ordinary values, and the declared bounds themselves (a schema's limit beyond a column's is a 500).
      const min = Math.max(schema.minimum ?? -1000, -1e6);
      const max = Math.min(schema.maximum ?? 1000, 1e6);
      const ordinary =
        types[0] === 'integer'
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true });
      const bounds = [schema.minimum, schema.maximum].filter((bound): bound is number => bound !== undefined);
      return bounds.length > 0
        ? fc.oneof({ arbitrary: ordinary, weight: 4 }, { arbitrary: fc.constantFrom(...bounds), weight: 1 })
        : ordinary;
    }
    case 'string':
      return stringFor(schema);
    case 'array': {
      const minLength = Math.min(schema.minItems ?? 0, 3);
      return depth > 4
        ? fc.constant([])
        : fc.array(valueFor(schema.items ?? {}, depth + 1), {
            minLength,
            maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)),
          });
    }
    case 'object':
      return objectFor(schema, depth);
    default:
      return schema.properties
        ? objectFor(schema, depth)
        : fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (typeof schema.example === 'string')
    return fc.oneof(
      { arbitrary: fc.constant(schema.example), weight: 5 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
    );
  if (schema.format === 'uuid')
    return known.ids.length > 0
      ? fc.oneof({ arbitrary: fc.constantFrom(...known.ids), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 })
      : fc.uuid();
  if (
    known.divisionCodes.length > 0 &&
    (schema.pattern === '^\\d{12}$' || /^4\d{11}$/.test(String(schema.example ?? '')))
  )
    return fc.constantFrom(...known.divisionCodes, ...(typeof schema.example === 'string' ? [schema.example] : []));
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      return fc.string({ maxLength: 20 });
    }
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 30, 30));
  return fc.oneof(
    { arbitrary: fc.string({ minLength, maxLength }), weight: 3 },
    { arbitrary: taintedText(minLength, maxLength), weight: 1 },
  );
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (depth > 4) return fc.constant({});
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, valueFor(property, depth + 1)]),
  );
  const required = (schema.required ?? []).filter((name) => name in properties);
  return fc.record(model, { requiredKeys: required });
}

/**
 * Mostly the declared shape, its free text often tainted, so that requests get past the schema to
 * the handlers and the database; a whole body is hostile one time in five, a single field rarely.
 */
export function valueFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: wellTyped(schema, depth), weight: depth === 0 ? 4 : 49 },
    { arbitrary: hostileValue, weight: 1 },
  );
}

/** A query or path value: a string of the declared shape or a hostile one. */
export function textFor(schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    {
      arbitrary: wellTyped(schema, 5).map((value) =>
        typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
      ),
      weight: 3,
    },
    { arbitrary: hostileString, weight: 1 },
  );
}

/** Percent-encodes any string, lone surrogates included (as the bytes a careless encoder would send). */
export function encodeAny(text: string): string {
  let encoded = '';
  for (const unit of text) {
    try {
      encoded += encodeURIComponent(unit);
    } catch {
      const code = unit.charCodeAt(0);
      encoded += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
  }
  return encoded;
}
