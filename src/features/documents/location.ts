import { crc32 } from 'node:zlib';
import type { LocationOutcome, MediaType } from '../../contract/documents/vocabulary.js';

/*
 * Children's privacy: a photo taken at a child's home carries where the home is. On upload the
 * EXIF GPS directory is blanked in place (its entries and the values they point to zeroed, the
 * directory left empty and valid) and XMP GPS properties are overwritten with spaces. Nothing
 * moves, so every other offset in the file stays right and the orientation and date are kept.
 * JPEG (APP1), PNG (eXIf, its CRC recomputed) and WebP (EXIF/XMP chunks) are walked by their
 * structure; in HEIC the Exif item is found by its "Exif\0\0" header. What cannot be read with
 * certainty is flagged `not_checked`, never passed as clean.
 */

type Result = 'none' | 'removed' | 'not_checked';

const typeSizes: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

function combine(results: Result[]): Result {
  if (results.includes('not_checked')) return 'not_checked';
  return results.includes('removed') ? 'removed' : 'none';
}

/** Blanks the GPS directory of the TIFF structure at `start` (bounded by `end`). */
function blankTiffGps(buf: Buffer, start: number, end: number): Result {
  if (end - start < 8) return 'not_checked';
  const order = buf.toString('latin1', start, start + 2);
  if (order !== 'II' && order !== 'MM') return 'not_checked';
  const le = order === 'II';
  const u16 = (at: number) => (le ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (le ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  if (u16(start + 2) !== 42) return 'not_checked';
  const ifd0 = start + u32(start + 4);
  if (ifd0 + 2 > end) return 'not_checked';
  const count = u16(ifd0);
  if (ifd0 + 2 + count * 12 > end) return 'not_checked';
  let gps: number | undefined;
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (u16(entry) === 0x8825) gps = start + u32(entry + 8);
  }
  if (gps === undefined) return 'none';
  if (gps + 2 > end) return 'not_checked';
  const gpsCount = u16(gps);
  const gpsEnd = gps + 2 + gpsCount * 12 + 4;
  if (gpsEnd > end) return 'not_checked';
  for (let i = 0; i < gpsCount; i++) {
    const entry = gps + 2 + i * 12;
    const size = (typeSizes[u16(entry + 2)] ?? 1) * u32(entry + 4);
    if (size > 4) {
      const at = start + u32(entry + 8);
      if (at >= start && at + size <= end) buf.fill(0, at, at + size);
    }
  }
  buf.fill(0, gps, gpsEnd);
  return gpsCount > 0 ? 'removed' : 'none';
}

/** Overwrites the values of XMP GPS properties (attribute or element form) with spaces, in place. */
function blankXmpGps(buf: Buffer, start: number, end: number): Result {
  const text = buf.toString('latin1', start, end);
  let found = false;
  for (const match of text.matchAll(/exif:GPS\w+\s*(?:=\s*"([^"]*)"|>([^<]*)<)/g)) {
    const value = match[1] ?? match[2] ?? '';
    // Both forms end with one closing character (" or <) right after the value.
    const valueStart = start + match.index + match[0].length - 1 - value.length;
    buf.fill(0x20, valueStart, valueStart + value.length);
    found = found || value.trim().length > 0;
  }
  return found ? 'removed' : 'none';
}

const exifHeader = Buffer.from('Exif\0\0', 'latin1');
const xmpHeader = 'http://ns.adobe.com/xap/1.0/\0';

function jpeg(buf: Buffer): Result {
  const results: Result[] = [];
  let at = 2;
  while (at + 4 <= buf.length) {
    if (buf[at] !== 0xff) return combine([...results, 'not_checked']);
    const marker = buf[at + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const length = buf.readUInt16BE(at + 2);
    const data = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > buf.length) return combine([...results, 'not_checked']);
    if (marker === 0xe1) {
      if (buf.subarray(data, data + 6).equals(exifHeader)) results.push(blankTiffGps(buf, data + 6, end));
      else if (buf.toString('latin1', data, data + xmpHeader.length) === xmpHeader)
        results.push(blankXmpGps(buf, data, end));
    }
    at = end;
  }
  return combine(results);
}

function png(buf: Buffer): Result {
  const results: Result[] = [];
  let at = 8;
  while (at + 12 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > buf.length) return combine([...results, 'not_checked']);
    if (type === 'eXIf') {
      const result = blankTiffGps(buf, at + 8, end);
      results.push(result);
      if (result === 'removed') buf.writeUInt32BE(crc32(buf.subarray(at + 4, end)), end);
    }
    if (type === 'IEND') break;
    at = end + 4;
  }
  return combine(results);
}

function webp(buf: Buffer): Result {
  const results: Result[] = [];
  let at = 12;
  while (at + 8 <= buf.length) {
    const type = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const data = at + 8;
    const end = data + size;
    if (end > buf.length) return combine([...results, 'not_checked']);
    if (type === 'EXIF') {
      const tiff = buf.subarray(data, data + 6).equals(exifHeader) ? data + 6 : data;
      results.push(blankTiffGps(buf, tiff, end));
    }
    if (type === 'XMP ') results.push(blankXmpGps(buf, data, end));
    at = end + (size % 2);
  }
  return combine(results);
}

function heic(buf: Buffer): Result {
  const at = buf.indexOf(exifHeader);
  if (at < 0) return 'not_checked';
  return blankTiffGps(buf, at + 6, buf.length);
}

/**
 * Removes location data from an image, in place (the caller passes its own copy). A PDF has none we
 * read. A structure that cannot be walked is `not_checked`.
 */
export function removeLocation(buf: Buffer, mediaType: MediaType): LocationOutcome {
  try {
    switch (mediaType) {
      case 'image/jpeg':
        return jpeg(buf);
      case 'image/png':
        return png(buf);
      case 'image/webp':
        return webp(buf);
      case 'image/heic':
        return heic(buf);
      default:
        return 'none';
    }
  } catch {
    // A read past the end of a malformed file: keep it, but do not claim it is clean.
    return 'not_checked';
  }
}
