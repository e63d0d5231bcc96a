import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeIdNumber, idCheckCharacter, parseIdNumber } from './id-number.js';

describe('GB 11643 identity numbers', () => {
  it('accepts the standard’s worked example and reads birth date and sex', () => {
    // The example number printed in GB 11643-1999 itself.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002x')).toEqual({
      ok: true,
      id: { value: '11010519491231002X', divisionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('names what is wrong', () => {
    expect(parseIdNumber('4210022015010112')).toEqual({ ok: false, problem: 'id.length' });
    expect(parseIdNumber('42100220150101123A')).toEqual({ ok: false, problem: 'id.characters' });
    expect(parseIdNumber('421002201502301234')).toEqual({ ok: false, problem: 'id.birth_date' });
    const valid = composeIdNumber('421002', '2015-01-01', 123);
    const wrong = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    expect(parseIdNumber(wrong)).toEqual({ ok: false, problem: 'id.check_digit' });
  });

  it('detects every single-digit change (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (sequence, position, delta) => {
          const valid = composeIdNumber('421022', '2012-06-15', sequence);
          expect(parseIdNumber(valid).ok).toBe(true);
          const digit = (Number(valid[position]) + delta) % 10;
          const changed = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
          const parsed = parseIdNumber(changed);
          expect(parsed.ok && parsed.id.value === changed).toBe(false);
        },
      ),
    );
  });
});
