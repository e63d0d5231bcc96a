import { offlineKeySchema } from '@contract/visits/offline.js';
import { ApiError, requestParsed } from '../api/client';
import {
  importWrappingKey,
  type Key,
  newDataKey,
  openBytes,
  openJson,
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

interface KeyRecord {
  deviceId: string;
  wrapped?: ArrayBuffer;
  expiresAt?: string;
}
interface SealedRecord {
  id: string;
  body: Sealed;
  photo?: Sealed;
}

let opening: Promise<IDBDatabase> | null = null;
let dataKey: { key: Key; expiresAt: string } | null = null;
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
    if (!key) {
      // Another key (a reset password): what was sealed before stays unreadable, so it goes.
      await clearData();
      ({ key, wrapped } = await newDataKey(wrappingKey));
    }
    await writeKeyRecord({ deviceId: stored.deviceId, wrapped, expiresAt: server.expiresAt });
    dataKey = { key, expiresAt: server.expiresAt };
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
  if (!opening && 'databases' in indexedDB) {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes(databaseName)) return 0;
  }
  return run<number>(outboxStore, 'readonly', (s) => s.count());
}

export async function snapshotPut(name: string, value: unknown): Promise<void> {
  const sealed = await sealJson(await unlock(), value, `snapshot/${name}`);
  await run(snapshotStore, 'readwrite', (s) => s.put(sealed, name));
}

export async function snapshotGet<T>(name: string): Promise<T | undefined> {
  const sealed = await run<Sealed | undefined>(snapshotStore, 'readonly', (s) => s.get(name));
  return sealed ? openJson<T>(await unlock(), sealed, `snapshot/${name}`) : undefined;
}

/** Sign-out (or a session ended elsewhere): nothing of the children, nor the wrapped key, stays on the phone. */
export async function wipeOfflineStore(): Promise<void> {
  dataKey = null;
  if (opening) (await opening.catch(() => null))?.close();
  opening = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
