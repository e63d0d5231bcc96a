import { describe, expect, it } from 'vitest';
import { forbiddenInErrorBody, type RecordedError } from './error-bodies.js';

const recorded = (body: unknown, sent = ''): RecordedError => ({
  method: 'PUT',
  url: '/api/x',
  status: 409,
  body: JSON.stringify(body),
  sent,
});

describe('the error-body scan', () => {
  it('finds secrets by field name and value, at any depth', () => {
    const leak = {
      error: {
        code: 'stale_version',
        details: { current: { password_hash: '$argon2id$v=19$…', totpSecret: 'JBSWY3DPEHPK3PXP', recovery_codes: [] } },
      },
    };
    expect(forbiddenInErrorBody(recorded(leak))).toEqual([
      'field error.details.current.password_hash',
      'secret value at error.details.current.password_hash',
      'field error.details.current.totpSecret',
      'field error.details.current.recovery_codes',
    ]);
  });

  it('finds ID and mobile numbers the request did not contain, and allows the caller’s own', () => {
    const body = {
      error: { code: 'x', message: '身份证 420102201001011234 已登记', details: { phone: '13971600001' } },
    };
    expect(forbiddenInErrorBody(recorded(body))).toHaveLength(2);
    expect(forbiddenInErrorBody(recorded(body, '{"idNumber":"420102201001011234","phone":"13971600001"}'))).toEqual([]);
    expect(forbiddenInErrorBody(recorded({ error: { code: 'x', message: '420102**********34 139****0001' } }))).toEqual(
      [],
    );
  });
});
