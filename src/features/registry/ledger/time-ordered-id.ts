import { randomFillSync } from 'node:crypto';

/*
 * UUID version 7 (RFC 9562): milliseconds since 1970 in the first 48 bits, then random bits. An
 * import writes 100k children with their family, categories and timeline; with random (v4) ids
 * every row lands on a random page of each primary key and child_id index, and each such page
 * costs a full-page image in the WAL after a checkpoint. Time-ordered ids append to the right
 * edge of those indexes instead. 62 random bits remain, so the ids stay unguessable.
 */

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one system call per 256 ids, not one per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomBytes16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

/** A time-ordered UUID; ids made in the same millisecond follow each other (12-bit sequence). */
export function timeOrderedId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else {
    sequence += 1;
    if (sequence > 0xfff) {
      // 4,096 ids in one millisecond: borrow the next millisecond rather than lose the order.
      lastMs += 1;
      sequence = 0;
    }
  }
  const bytes = randomBytes16();
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
