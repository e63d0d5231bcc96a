/** `--name value` and `--flag` from the command line (after `npm run x --`). */
export function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export function argNumber(name: string, fallback: number): number {
  const value = argValue(name);
  if (value === undefined) return fallback;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a number, not ${value}`);
  return Math.floor(number);
}

export function argFlag(name: string): boolean {
  return process.argv.slice(2).includes(`--${name}`);
}

export const log = (line: string): void => void process.stderr.write(`${line}\n`);
