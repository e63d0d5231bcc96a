/*
 * What the phone keeps offline is sealed with AES-GCM (WebCrypto) under a data key made on the phone.
 * The data key is stored only wrapped (AES-KW) under a key the server gives a signed-in session
 * (GET /api/visits/offline-key); in memory it is a non-extractable CryptoKey for the page's life. So
 * the phone alone — a lost one, a shared one after sign-out, a copy of its browser profile — holds
 * ciphertext and a wrapped key it cannot open. Pure functions (no IndexedDB, no DOM): tested in Node.
 */

/** The WebCrypto key type, named through the global `crypto` so the file also type-checks for Node (its test). */
export type Key = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
};

/** The server's key for this person on this phone, usable only to wrap and unwrap the data key. */
export function importWrappingKey(base64Url: string): Promise<Key> {
  return crypto.subtle.importKey('raw', fromBase64Url(base64Url), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}

/** A new data key: its wrapped form (to store) and a non-extractable copy (to use). */
export async function newDataKey(wrappingKey: Key): Promise<{ wrapped: ArrayBuffer; key: Key }> {
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const wrapped = await crypto.subtle.wrapKey('raw', fresh, wrappingKey, 'AES-KW');
  return { wrapped, key: await unwrapDataKey(wrapped, wrappingKey) };
}

/** The stored data key opened with the server's key; rejects when it is another key (AES-KW checks integrity). */
export function unwrapDataKey(wrapped: ArrayBuffer, wrappingKey: Key, extractable = false): Promise<Key> {
  return crypto.subtle.unwrapKey('raw', wrapped, wrappingKey, 'AES-KW', { name: 'AES-GCM', length: 256 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
}

/** The same data key wrapped under another key; the raw key exists only inside WebCrypto meanwhile. */
export async function rewrapDataKey(wrapped: ArrayBuffer, from: Key, to: Key): Promise<ArrayBuffer> {
  return crypto.subtle.wrapKey('raw', await unwrapDataKey(wrapped, from, true), to, 'AES-KW');
}

/*
 * Offline unlock: a copy of the data key wrapped under a key derived from the password, for a reload
 * without signal. PBKDF2-HMAC-SHA256 (the only password KDF WebCrypto has; Argon2 would need a WASM
 * dependency) with a random 128-bit salt and 600 000 iterations, OWASP's 2023 figure for PBKDF2-SHA256:
 * about half a second to a second on a cheap Android phone, paid once at sign-in and once per offline
 * unlock, while every guess of an attacker holding a copy of the phone's store costs the same. The
 * iterations are stored beside the salt, so a later release can raise them without losing a store.
 */
export const passwordIterations = 600_000;

export function newSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16));
}

export async function passwordKey(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Key> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** Seals bytes with a fresh 96-bit IV; `label` (the record's id) is bound as additional data. */
export async function sealBytes(
  key: Key,
  bytes: ArrayBuffer | Uint8Array<ArrayBuffer>,
  label: string,
): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const additionalData = new TextEncoder().encode(label);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, bytes);
  return { iv, data };
}

export function openBytes(key: Key, sealed: Sealed, label: string): Promise<ArrayBuffer> {
  const additionalData = new TextEncoder().encode(label);
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData }, key, sealed.data);
}

export const sealJson = (key: Key, value: unknown, label: string) =>
  sealBytes(key, new TextEncoder().encode(JSON.stringify(value)), label);

export async function openJson<T>(key: Key, sealed: Sealed, label: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await openBytes(key, sealed, label))) as T;
}
