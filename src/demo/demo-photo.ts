/**
 * A stand-in for a phone photo of a child as found: a JPEG whose EXIF holds a GPS latitude, as a
 * phone's camera writes one — so the demo shows the documents feature removing it on upload.
 */
export function demoPhotoWithLocation(): Buffer {
  const gpsIfd = 26;
  const rationals = gpsIfd + 30;
  const tiff = Buffer.alloc(rationals + 24);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  const entry = (pos: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, pos);
    tiff.writeUInt16LE(type, pos + 2);
    tiff.writeUInt32LE(count, pos + 4);
    tiff.writeUInt32LE(value, pos + 8);
  };
  tiff.writeUInt16LE(1, 8);
  entry(10, 0x8825, 4, 1, gpsIfd);
  tiff.writeUInt16LE(2, gpsIfd);
  entry(gpsIfd + 2, 0x0001, 2, 2, 0x4e);
  entry(gpsIfd + 14, 0x0002, 5, 3, rationals);
  for (const [i, value] of [30, 18, 0].entries()) {
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
