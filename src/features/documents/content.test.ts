import { describe, expect, it } from 'vitest';
import { declaredMediaType, detectMediaType, judgeContent } from './content.js';
import { removeLocation } from './location.js';
import { jpegWithGps, pdfBytes, pngBytes } from './test-files.test-helper.js';

describe('what a document is, by its bytes', () => {
  it('recognises PDF, JPEG, PNG, WebP and HEIC by their signatures, nothing by a name', () => {
    expect(detectMediaType(pdfBytes)).toBe('application/pdf');
    expect(detectMediaType(jpegWithGps())).toBe('image/jpeg');
    expect(detectMediaType(pngBytes)).toBe('image/png');
    expect(detectMediaType(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(detectMediaType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'))).toBe('image/heic');
    expect(detectMediaType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(detectMediaType(Buffer.from('photo.jpg'))).toBeUndefined();
  });

  it('a PDF declared as a JPEG is a mismatch naming both; a photo must be an image; octet-stream declares nothing', () => {
    expect(judgeContent(pdfBytes, 'image/jpeg', 'photo')).toEqual({
      ok: false,
      problem: 'mismatch',
      detected: 'application/pdf',
      declared: 'image/jpeg',
    });
    expect(judgeContent(pdfBytes, undefined, 'photo')).toMatchObject({ ok: false, problem: 'type_not_allowed' });
    expect(judgeContent(pdfBytes, declaredMediaType('application/pdf; charset=binary'), 'court_decision')).toEqual({
      ok: true,
      mediaType: 'application/pdf',
    });
    expect(declaredMediaType('application/octet-stream')).toBeUndefined();
    expect(declaredMediaType('image/HEIF')).toBe('image/heic');
    expect(judgeContent(Buffer.from('hello'), undefined, 'other')).toEqual({ ok: false, problem: 'unrecognised' });
  });
});

describe("a photo's location data", () => {
  it('the GPS directory is blanked in place: the position is gone, the orientation and the size stay', () => {
    const photo = jpegWithGps();
    const before = Buffer.from(photo);
    expect(removeLocation(photo, 'image/jpeg')).toBe('removed');
    expect(photo.length).toBe(before.length);
    const tiff = photo.indexOf(Buffer.from('Exif\0\0', 'latin1')) + 6;
    // IFD0 keeps orientation 6 …
    expect(photo.readUInt16LE(tiff + 8 + 2)).toBe(0x0112);
    expect(photo.readUInt16LE(tiff + 8 + 2 + 8)).toBe(6);
    // … the GPS directory is empty and the latitude's degrees (30) are nowhere in its data.
    const gps = tiff + photo.readUInt32LE(tiff + 8 + 2 + 12 + 8);
    expect(photo.readUInt16LE(gps)).toBe(0);
    expect(photo.subarray(gps).includes(Buffer.from([30, 0, 0, 0, 1, 0, 0, 0]))).toBe(false);
    expect(before.subarray(gps).includes(Buffer.from([30, 0, 0, 0, 1, 0, 0, 0]))).toBe(true);
    // A second pass finds nothing left.
    expect(removeLocation(photo, 'image/jpeg')).toBe('none');
  });

  it('XMP GPS properties are overwritten; a PDF has none; an unreadable HEIC is flagged, not passed as clean', () => {
    const xmp = Buffer.from('http://ns.adobe.com/xap/1.0/\0<x exif:GPSLatitude="30,21.0N"/>', 'latin1');
    const app1 = Buffer.alloc(4);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(xmp.length + 2, 2);
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8]), app1, xmp, Buffer.from([0xff, 0xd9])]);
    expect(removeLocation(photo, 'image/jpeg')).toBe('removed');
    expect(photo.toString('latin1')).toContain('exif:GPSLatitude="        "');
    expect(removeLocation(Buffer.from(pdfBytes), 'application/pdf')).toBe('none');
    expect(removeLocation(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'), 'image/heic')).toBe('not_checked');
    expect(removeLocation(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), 'image/jpeg')).toBe('not_checked');
  });
});
