/* Small files for the documents tests: real signatures, a JPEG with an orientation and a GPS position. */

export const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const pngBytes = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c4890000000049454e44ae426082', 'hex'),
]);

/** A JPEG whose EXIF has orientation 6 and a GPS latitude (30°21'N, 荆州). */
export function jpegWithGps(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4 + 24);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  let at = 8;
  tiff.writeUInt16LE(2, at);
  const entry = (pos: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, pos);
    tiff.writeUInt16LE(type, pos + 2);
    tiff.writeUInt32LE(count, pos + 4);
    tiff.writeUInt32LE(value, pos + 8);
  };
  const gpsIfd = 8 + 2 + 24 + 4;
  entry(at + 2, 0x0112, 3, 1, 6);
  entry(at + 14, 0x8825, 4, 1, gpsIfd);
  at = gpsIfd;
  tiff.writeUInt16LE(2, at);
  const rationals = gpsIfd + 2 + 24 + 4;
  entry(at + 2, 0x0001, 2, 2, 0x4e); // "N\0"
  entry(at + 14, 0x0002, 5, 3, rationals);
  for (const [i, value] of [30, 21, 0].entries()) {
    tiff.writeUInt32LE(value, rationals + i * 8);
    tiff.writeUInt32LE(1, rationals + i * 8 + 4);
  }
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(exif.length + 2, 2);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    app1,
    exif,
    Buffer.from([0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9]),
  ]);
}
