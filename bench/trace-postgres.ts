// PostgreSQL's log lines of a traced run (log_line_prefix '%m [%p] %a '), as time spans.
import { openSync, readSync, statSync } from 'node:fs';

export interface Span {
  start: number;
  end: number;
  what: string;
  text?: string;
}

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.max(0, size - offset));
  const fd = openSync(file, 'r');
  readSync(fd, buffer, 0, buffer.length, offset);
  return buffer.toString('utf8');
}

const prefix = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (\w+) \[(\d+)\] /;

export function postgresEvents(file: string, offset: number): Span[] {
  const spans: Span[] = [];
  let checkpointStart: number | undefined;
  // An entry is its prefixed line and the unprefixed lines after it (autovacuum's figures, DETAIL).
  const entries: { t: number; text: string }[] = [];
  for (const line of readFrom(file, offset).split('\n')) {
    const match = prefix.exec(line);
    if (match) entries.push({ t: Date.parse(`${match[1]!.replace(' ', 'T')}Z`), text: line.slice(match[0].length) });
    else if (entries.length > 0) entries.at(-1)!.text += ` ${line.trim()}`;
  }
  for (const { t, text } of entries) {
    const duration = /duration: ([\d.]+) ms/.exec(text);
    if (duration) {
      spans.push({ start: t - Number(duration[1]), end: t, what: 'statement', text });
    } else if (/still waiting for|acquired .* after/.test(text)) {
      const waited = /after ([\d.]+) ms/.exec(text);
      spans.push({ start: t - Number(waited?.[1] ?? 0), end: t, what: 'lock', text });
    } else if (/checkpoint starting/.test(text)) {
      checkpointStart = t;
    } else if (/checkpoint complete/.test(text)) {
      spans.push({ start: checkpointStart ?? t, end: t, what: 'checkpoint', text });
      checkpointStart = undefined;
    } else if (/automatic (vacuum|analyze)/.test(text)) {
      const elapsed = /elapsed: ([\d.]+) s/.exec(text);
      spans.push({ start: t - 1000 * Number(elapsed?.[1] ?? 0), end: t, what: 'autovacuum', text });
    }
  }
  return spans;
}
