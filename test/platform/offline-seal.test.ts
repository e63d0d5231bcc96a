import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  importWrappingKey,
  newDataKey,
  openBytes,
  openJson,
  sealJson,
  unwrapDataKey,
} from '../../web/src/app/offline/seal.js';

// The phone's offline store (web/src/app/offline/seal.ts) with Node's WebCrypto, the same API as the browser's.
const serverKey = () => importWrappingKey(randomBytes(32).toString('base64url'));
const visit = { id: 'v-1', respondentName: '李奶奶', findings: { guardianship: '祖母照料' } };

describe('sealing what a phone keeps offline', () => {
  it('seals a visit so that its stored form holds none of its words, and opens it with the same key', async () => {
    const wrapping = await serverKey();
    const { key, wrapped } = await newDataKey(wrapping);
    const sealed = await sealJson(key, visit, visit.id);
    const stored = Buffer.concat([Buffer.from(sealed.data), Buffer.from(wrapped)]);
    for (const word of ['李奶奶', '祖母照料', 'respondentName'])
      expect(stored.includes(Buffer.from(word)), word).toBe(false);
    expect(await openJson(key, sealed, visit.id)).toEqual(visit);
    // The data key as stored is only the wrapped form, and the key in memory cannot be exported.
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    const reopened = await unwrapDataKey(wrapped, wrapping);
    expect(await openJson(reopened, sealed, visit.id)).toEqual(visit);
  });

  it('another server key (a reset password, another phone) does not unwrap the data key', async () => {
    const { wrapped } = await newDataKey(await serverKey());
    await expect(unwrapDataKey(wrapped, await serverKey())).rejects.toThrow();
  });

  it('a record moved under another id, or altered, does not open', async () => {
    const { key } = await newDataKey(await serverKey());
    const sealed = await sealJson(key, visit, visit.id);
    await expect(openBytes(key, sealed, 'v-2')).rejects.toThrow();
    const altered = new Uint8Array(sealed.data.slice(0));
    altered[0]! ^= 1;
    await expect(openBytes(key, { iv: sealed.iv, data: altered.buffer }, visit.id)).rejects.toThrow();
    // A fresh IV each time: the same visit sealed twice gives two different ciphertexts.
    const again = await sealJson(key, visit, visit.id);
    expect(Buffer.from(again.data).equals(Buffer.from(sealed.data))).toBe(false);
  });
});
