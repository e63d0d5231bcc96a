import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskPhone } from './masking.js';

describe('masking', () => {
  it('keeps the first four and last four digits of an ID number', () => {
    expect(maskIdNumber('421002201501011234')).toBe('4210**********1234');
    expect(maskIdNumber(null)).toBeNull();
  });
  it('hides the middle of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0716-8123456')).toBe('071****3456');
  });
  it('never shows the house part of an address', () => {
    const masked = maskAddress('湖北省荆州市沙市区解放路街道红星村三组12号') ?? '';
    expect(masked.endsWith('****')).toBe(true);
    expect(masked).not.toContain('12号');
  });
});
