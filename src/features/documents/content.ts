import type { DocumentType, MediaType } from '../../contract/documents/vocabulary.js';
import { allowedMediaTypes, mediaTypeCodes } from '../../contract/documents/vocabulary.js';

/*
 * What a file is, from its first bytes; the name and the browser's claim are not trusted. A
 * hand-written check: five signatures (PDF, JPEG, PNG, WebP, HEIC/HEIF) are a few lines each and
 * need no dependency (`file-type` would bring a stream tokenizer for a hundred formats we refuse).
 */

const heifBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'heif']);

export function detectMediaType(bytes: Uint8Array): MediaType | undefined {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp' && heifBrands.has(ascii(8, 12))) return 'image/heic';
  return undefined;
}

// What browsers and phones send for the same content.
const aliases: Record<string, MediaType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/heif': 'image/heic',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heic',
  'application/x-pdf': 'application/pdf',
};

/** The declared media type (the upload's Content-Type without parameters); undefined when it declares nothing. */
export function declaredMediaType(contentType: string | undefined): string | undefined {
  const bare = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (bare === '' || bare === 'application/octet-stream') return undefined;
  return aliases[bare] ?? bare;
}

export type ContentVerdict =
  | { ok: true; mediaType: MediaType }
  | { ok: false; problem: 'unrecognised' }
  | { ok: false; problem: 'mismatch'; detected: MediaType; declared: string }
  | { ok: false; problem: 'type_not_allowed'; detected: MediaType; allowed: readonly MediaType[] };

/** Judges the content: recognised, what it says it is, and a kind the document's type allows. */
export function judgeContent(bytes: Uint8Array, declared: string | undefined, type: DocumentType): ContentVerdict {
  const detected = detectMediaType(bytes);
  if (!detected) return { ok: false, problem: 'unrecognised' };
  if (declared !== undefined && declared !== detected) return { ok: false, problem: 'mismatch', detected, declared };
  const allowed = allowedMediaTypes[type];
  if (!allowed.includes(detected)) return { ok: false, problem: 'type_not_allowed', detected, allowed };
  return { ok: true, mediaType: detected };
}

export function isMediaType(value: string): value is MediaType {
  return (mediaTypeCodes as readonly string[]).includes(value);
}
