/*
 * The phone's own store for visits recorded without a signal: an IndexedDB database with the outbox
 * (visits waiting to be sent, with their photo as a Blob) and the last due list read from the server.
 * A dozen lines of promise plumbing do what the `idb` package would; two stores and four calls did
 * not justify a dependency. Wiped on sign-out (`wipeOfflineStore`).
 */

const databaseName = 'haven-offline';
const outboxStore = 'outbox';
const snapshotStore = 'snapshots';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(outboxStore, { keyPath: 'id' });
      request.result.createObjectStore(snapshotStore);
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

export const outboxPut = <T extends { id: string }>(item: T) => run(outboxStore, 'readwrite', (s) => s.put(item));
export const outboxDelete = (id: string) => run(outboxStore, 'readwrite', (s) => s.delete(id));
export const outboxAll = <T>() => run<T[]>(outboxStore, 'readonly', (s) => s.getAll() as IDBRequest<T[]>);
export const snapshotPut = (key: string, value: unknown) => run(snapshotStore, 'readwrite', (s) => s.put(value, key));
export const snapshotGet = <T>(key: string) => run<T | undefined>(snapshotStore, 'readonly', (s) => s.get(key));

/** Sign-out: nothing of the children stays on the phone. */
export async function wipeOfflineStore(): Promise<void> {
  if (opening) (await opening.catch(() => null))?.close();
  opening = null;
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(databaseName);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
