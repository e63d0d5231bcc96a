import type { Me } from '@contract/auth/auth.js';
import { offlineKeySchema } from '@contract/visits/offline.js';
import { ApiError, requestParsed } from '../api/client';
import {
  importWrappingKey,
  type Key,
  newDataKey,
  newSalt,
  openBytes,
  openJson,
  passwordIterations,
  passwordKey,
  rewrapDataKey,
  type Sealed,
  sealBytes,
  sealJson,
  unwrapDataKey,
} from './seal';

/*
 * The phone's own store for visits recorded without a signal: an IndexedDB database with the outbox
 * (visits waiting to be sent, with their photo) and the last due list read from the server. Every
 * record is sealed (`seal.ts`: AES-GCM under a data key kept only wrapped by the server's key for
 * this person on this phone); ids are random and stay readable. The store is deleted on sign-out, on
 * opening it after the session's absolute end, when the server refuses the key (the session ended
 * remotely) and when its key no longer opens it (a reset password). A dozen lines of promise
 * plumbing do what the `idb` package would; three stores did not justify a dependency.
 */

const databaseName = 'haven-offline';
const outboxStore = 'outbox';
const snapshotStore = 'snapshots';
const keyStore = 'keys';

/** The sealed data cannot be read now: no signal and no key in memory since the page was loaded. */
export class OfflineStoreLocked extends Error {
  override readonly name = 'OfflineStoreLocked';
}

/** The data key wrapped under a key derived from the password (`seal.ts`), for a reload without signal. */
interface PasswordCopy {
  userId: string;
  username: string;
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  wrapped: ArrayBuffer;
}
interface KeyRecord {
  deviceId: string;
  wrapped?: ArrayBuffer;
  expiresAt?: string;
  byPassword?: PasswordCopy;
}
interface SealedRecord {
  id: string;
  body: Sealed;
  photo?: Sealed;
}

let opening: Promise<IDBDatabase> | null = null;
/** The data key in memory, with one wrapped form of it and that form's key (to wrap it under the password). */
let dataKey: { key: Key; expiresAt: string; wrapped: ArrayBuffer; wrappingKey: Key } | null = null;
let pendingPassword: Promise<{ key: Key; salt: Uint8Array<ArrayBuffer>; iterations: number }> | null = null;
let unlocking: Promise<Key> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 2);
    request.onupgradeneeded = (event) => {
      // Version 1 kept the records in the clear: they are dropped, never carried over.
      if (event.oldVersion >= 1)
        for (const name of [outboxStore, snapshotStore]) request.result.deleteObjectStore(name);
      request.result.createObjectStore(outboxStore, { keyPath: 'id' });
      request.result.createObjectStore(snapshotStore);
      request.result.createObjectStore(keyStore);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, mode);
    const request = act(transaction.objectStore(store));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

const readKeyRecord = () => run<KeyRecord | undefined>(keyStore, 'readonly', (s) => s.get('data'));
const writeKeyRecord = (record: KeyRecord) => run(keyStore, 'readwrite', (s) => s.put(record, 'data'));
const clearData = async () => {
  await run(outboxStore, 'readwrite', (s) => s.clear());
  await run(snapshotStore, 'readwrite', (s) => s.clear());
};

/** The data key: in memory, else unwrapped with the server's key (made the first time). */
async function unlock(): Promise<Key> {
  if (dataKey && Date.parse(dataKey.expiresAt) > Date.now()) return dataKey.key;
  if (dataKey) {
    await wipeOfflineStore();
    throw new OfflineStoreLocked('session ended');
  }
  unlocking ??= (async () => {
    const stored = (await readKeyRecord()) ?? { deviceId: crypto.randomUUID() };
    if (stored.expiresAt && Date.parse(stored.expiresAt) <= Date.now()) await clearData();
    let server: { key: string; expiresAt: string };
    try {
      server = await requestParsed(offlineKeySchema, `/api/visits/offline-key?device=${stored.deviceId}`);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) await wipeOfflineStore();
      throw new OfflineStoreLocked(caught instanceof Error ? caught.message : 'no key');
    }
    const wrappingKey = await importWrappingKey(server.key);
    let key = stored.wrapped ? await unwrapDataKey(stored.wrapped, wrappingKey).catch(() => null) : null;
    let wrapped = stored.wrapped;
    let byPassword = stored.byPassword;
    if (!key || !wrapped) {
      // Another key (a reset password): what was sealed before stays unreadable, so it goes, and the
      // password's copy of the old key with it.
      await clearData();
      ({ key, wrapped } = await newDataKey(wrappingKey));
      byPassword = undefined;
    }
    await writeKeyRecord({ deviceId: stored.deviceId, wrapped, expiresAt: server.expiresAt, byPassword });
    dataKey = { key, expiresAt: server.expiresAt, wrapped, wrappingKey };
    return key;
  })().finally(() => {
    unlocking = null;
  });
  return unlocking;
}

type WithPhoto = { id: string; photo?: { blob: Blob; name: string; type: string } };

export async function outboxPut<T extends WithPhoto>(item: T): Promise<void> {
  const key = await unlock();
  const { photo, ...rest } = item;
  const record: SealedRecord = {
    id: item.id,
    body: await sealJson(key, { ...rest, photo: photo ? { name: photo.name, type: photo.type } : undefined }, item.id),
    photo: photo ? await sealBytes(key, await photo.blob.arrayBuffer(), `${item.id}/photo`) : undefined,
  };
  await run(outboxStore, 'readwrite', (s) => s.put(record));
}

export const outboxDelete = (id: string) => run(outboxStore, 'readwrite', (s) => s.delete(id));

export async function outboxAll<T extends WithPhoto>(): Promise<T[]> {
  const records = await run<SealedRecord[]>(outboxStore, 'readonly', (s) => s.getAll() as IDBRequest<SealedRecord[]>);
  if (records.length === 0) return [];
  const key = await unlock();
  return Promise.all(
    records.map(async (record) => {
      const body = await openJson<T & { photo?: { name: string; type: string } }>(key, record.body, record.id);
      if (!record.photo || !body.photo) return { ...body, photo: undefined };
      const bytes = await openBytes(key, record.photo, `${record.id}/photo`);
      return { ...body, photo: { ...body.photo, blob: new Blob([bytes], { type: body.photo.type }) } };
    }),
  );
}

/**
 * How many visits wait on this phone (queued, in conflict or refused), read without the key; 0 when
 * the store was never made here (a person who records no visits), without making it.
 */
export async function outboxCount(): Promise<number> {
  return (await storeExists()) ? run<number>(outboxStore, 'readonly', (s) => s.count()) : 0;
}

async function storeExists(): Promise<boolean> {
  if (opening || !('databases' in indexedDB)) return true;
  return (await indexedDB.databases()).some((d) => d.name === databaseName);
}

export async function snapshotPut(name: string, value: unknown): Promise<void> {
  const sealed = await sealJson(await unlock(), value, `snapshot/${name}`);
  await run(snapshotStore, 'readwrite', (s) => s.put(sealed, name));
}

export async function snapshotGet<T>(name: string): Promise<T | undefined> {
  const sealed = await run<Sealed | undefined>(snapshotStore, 'readonly', (s) => s.get(name));
  return sealed ? openJson<T>(await unlock(), sealed, `snapshot/${name}`) : undefined;
}

/**
 * At the password step: the key derived from the password is made now (the password itself is not
 * kept) and waits in memory until the sign-in completes.
 */
export function derivePasswordKey(password: string): void {
  const salt = newSalt();
  pendingPassword = passwordKey(password, salt, passwordIterations).then((key) => ({
    key,
    salt,
    iterations: passwordIterations,
  }));
  pendingPassword.catch(() => undefined);
}

export function dropPasswordKey(): void {
  pendingPassword = null;
}

/**
 * Signed in: for someone who records visits, the data key is wrapped under the password too (only
 * that wrapped copy is stored, with its salt) and who they are is sealed beside the data, so that the
 * store opens after a reload without signal. Another person signing in on the phone removes the copy.
 */
export async function armPasswordUnlock(me: Me, recordsVisits: boolean): Promise<void> {
  const pending = pendingPassword;
  pendingPassword = null;
  const existing = (await storeExists()) ? await readKeyRecord() : undefined;
  if (existing?.byPassword && existing.byPassword.userId !== me.user.id)
    await writeKeyRecord({ ...existing, byPassword: undefined });
  if (!pending || !recordsVisits) return;
  const password = await pending;
  await unlock();
  if (!dataKey) return;
  const { wrapped, wrappingKey } = dataKey;
  await snapshotPut('me', me);
  const record = await readKeyRecord();
  if (!record) return;
  await writeKeyRecord({
    ...record,
    byPassword: {
      userId: me.user.id,
      username: me.user.username,
      salt: password.salt,
      iterations: password.iterations,
      wrapped: await rewrapDataKey(wrapped, wrappingKey, password.key),
    },
  });
}

/** Whose store this phone could open without a signal (the last person signed in here), or null. */
export async function passwordUnlockOffered(): Promise<{ username: string } | null> {
  if (!(await storeExists())) return null;
  const record = await readKeyRecord();
  if (!record?.byPassword || !record.expiresAt) return null;
  if (Date.parse(record.expiresAt) <= Date.now()) {
    await wipeOfflineStore();
    return null;
  }
  return { username: record.byPassword.username };
}

/** The password does not open this phone's store (AES-KW's integrity check failed): nothing was unlocked. */
export class WrongPassword extends Error {
  override readonly name = 'WrongPassword';
}

/** Without a signal: the data key unwrapped with the password; who signed in, from the sealed store. */
export async function unlockWithPassword(password: string): Promise<Me> {
  const offered = await passwordUnlockOffered();
  const record = offered ? await readKeyRecord() : undefined;
  const copy = record?.byPassword;
  if (!record?.expiresAt || !copy) throw new OfflineStoreLocked('no offline copy');
  const kek = await passwordKey(password, copy.salt, copy.iterations);
  const key = await unwrapDataKey(copy.wrapped, kek).catch(() => null);
  if (!key) throw new WrongPassword('wrong password');
  dataKey = { key, expiresAt: record.expiresAt, wrapped: copy.wrapped, wrappingKey: kek };
  const me = await snapshotGet<Me>('me').catch(() => undefined);
  if (!me) {
    dataKey = null;
    throw new OfflineStoreLocked('no one sealed');
  }
  return me;
}

/**
 * Back in contact and the server has no session for this phone (signed out elsewhere, ended by an
 * administrator, or timed out — it does not say which): the password's copy is deleted and the key
 * leaves memory. What waits in the outbox stays sealed under the server's key, which only a live
 * session of that person gets (a reset password never again), so signing in again still sends it.
 */
export async function endPasswordUnlock(): Promise<void> {
  dataKey = null;
  pendingPassword = null;
  const record = (await storeExists()) ? await readKeyRecord() : undefined;
  if (record?.byPassword) await writeKeyRecord({ ...record, byPassword: undefined });
}

/** Sign-out (or a session ended elsewhere): nothing of the children, nor the wrapped key, stays on the phone. */
export async function wipeOfflineStore(): Promise<void> {
  dataKey = null;
  pendingPassword = null;
  if (opening) (await opening.catch(() => null))?.close();
  opening = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
