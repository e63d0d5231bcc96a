import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { describeError } from './output.js';

describe('describeError: one meaningful line whatever was thrown', () => {
  it("keeps Haven's own sentence as it is", () => {
    class StartupError extends Error {
      override readonly name = 'StartupError';
    }
    expect(describeError(new StartupError('Port 3000 on 127.0.0.1 is already in use. Use PORT=3001.'))).toBe(
      'Port 3000 on 127.0.0.1 is already in use. Use PORT=3001.',
    );
  });

  it('explains an AggregateError with an empty message (pg on ECONNREFUSED for every address) by its parts', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const error = new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')]);
    expect(error.message).toBe('');
    expect(describeError(error)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('names a PostgreSQL error by its SQLSTATE, even without a message', () => {
    const error = Object.assign(new Error(''), { severity: 'FATAL', code: '57P01' });
    expect(describeError(error)).toBe('PostgreSQL refused: an error without a message (SQLSTATE 57P01)');
    const withDetail = Object.assign(new Error('duplicate key value violates unique constraint "settings_pkey"'), {
      severity: 'ERROR',
      code: '23505',
      detail: 'Key (key)=(a) already exists.',
    });
    expect(describeError(withDetail)).toBe(
      'PostgreSQL refused: duplicate key value violates unique constraint "settings_pkey" (SQLSTATE 23505; Key (key)=(a) already exists.)',
    );
  });

  it('says where an error without any message was thrown', () => {
    expect(describeError(new Error(''))).toMatch(
      /^Error without a message, thrown at .*src\/platform\/cli\/output\.test\.ts:\d+:\d+$/,
    );
    expect(describeError(new Error('', { cause: new Error('the real reason') }))).toBe(
      'Error without a message: the real reason',
    );
  });

  it('marks a programming error as unexpected, with its place', () => {
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toMatch(
      /^Cannot read properties of undefined \(reading 'x'\) \(unexpected TypeError at .*output\.test\.ts:\d+:\d+; HAVEN_DEBUG=1 shows the stack\)$/,
    );
  });

  it('turns thrown non-errors and multi-line messages into one line', () => {
    expect(describeError(undefined)).toMatch(/^an unexpected failure without any message \(undefined\)/);
    expect(describeError('plain text')).toBe('unexpected failure: plain text');
    expect(describeError({ reason: 'object' })).toBe('unexpected failure: {"reason":"object"}');
    expect(describeError(new Error('first line\n  second line\n'))).toBe('first line | second line');
  });

  it('translates domain errors into Chinese and English', () => {
    expect(describeError(new DomainError('not_found', 404, { entity: 'child', id: '1' }))).toContain(' / ');
  });
});
