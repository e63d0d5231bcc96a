/** Field masking for roles without `children.unmask`: enough to recognise, not enough to misuse. */
export function maskIdNumber(value: string | null): string | null {
  if (!value) return value;
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string | null): string | null {
  if (!value) return value;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(value.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Keeps the place down to the township or street name, hides the house. */
export function maskAddress(value: string | null): string | null {
  if (!value) return value;
  const chars = [...value];
  const keep = Math.min(chars.length - 1, Math.max(0, Math.floor(chars.length * 0.4)), 10);
  return `${chars.slice(0, keep).join('')}****`;
}
