/**
 * The station out of room: IndexedDB's quota (as the browser raises it inside a transaction), SQLite's
 * SQLITE_FULL, the file system's ENOSPC. Each is told apart from other write failures so the screens can say
 * "storage full, ask IT", and nothing already stored is lost.
 */
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext, StoreError, writeFailureCode } from '../../../../sync/store/dataContext.dom.js';
import { isStorageFull } from '../../../../sync/store/storageFull.std.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { TEST_HCODE, TEST_KEY, syntheticCard } from '../../../factories/fhirFixtures.js';

const opened: DataContext[] = [];
const restore: (() => void)[] = [];
afterEach(async () => {
  for (const undo of restore.splice(0)) undo();
  for (const context of opened.splice(0)) await context.destroy();
});

/**
 * From now on every IndexedDB write fails as a browser over its quota fails it: the transaction aborts with
 * a QuotaExceededError as its error.
 */
function fillQuota(): void {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function quotaExceeded(
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['put']>
  ): IDBRequest<IDBValidKey> {
    const request = put.apply(this, args);
    const transaction = this.transaction;
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    Object.defineProperty(transaction, 'error', { get: () => quota, set: () => undefined, configurable: true });
    transaction.abort();
    return request;
  };
  restore.push(() => {
    IDBObjectStore.prototype.put = put;
  });
}

function patient(seed: number) {
  const card = syntheticCard(seed);
  return patientFromCard(card, {
    patientId: patientIdForCid(TEST_KEY, card.cid),
    hcode: TEST_HCODE,
    stationId: 'st-a',
    at: new Date().toISOString(),
    source: 'card',
  });
}

describe('storage full', () => {
  it('recognises the quota, SQLite and file-system forms, and nothing else', () => {
    expect(isStorageFull(new DOMException('quota', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFull({ status: 500, name: 'indexed_db_went_bad', message: 'QuotaExceededError' })).toBe(true);
    expect(isStorageFull(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))).toBe(true);
    for (const other of [
      new Error('boom'),
      { status: 409 },
      null,
      'QuotaExceededError',
      Object.assign(new Error('x'), { code: 'EACCES' }),
    ]) {
      expect(isStorageFull(other)).toBe(false);
    }
  });

  it('a save over the IndexedDB quota is storage_full, and what was stored before is still there', async () => {
    const name = uniqueDbName('quota');
    const db = await DataContext.open(name);
    const first = patient(31);
    await db.save(first);
    fillQuota();
    const failure = await db.save(patient(32)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreError);
    expect(writeFailureCode(failure)).toBe('storage_full');
    restore.splice(0).forEach((undo) => undo());
    // PouchDB closes a database whose transaction aborted; the station opens it again and finds what it had.
    await db.close().catch(() => undefined);
    const reopened = await DataContext.open(name);
    opened.push(reopened);
    expect((await reopened.patientById(first.id))?.id).toBe(first.id);
    expect(await reopened.patientById(patient(32).id)).toBeNull();
  });

  it('a batch over the quota is storage_full too, not an internal error', async () => {
    const name = uniqueDbName('quota-batch');
    const db = await DataContext.open(name);
    fillQuota();
    const outcome = await db.saveAll([patient(33), patient(34)]).then(
      (results) => results[0],
      (error: unknown) => error,
    );
    expect(writeFailureCode(outcome)).toBe('storage_full');
    restore.splice(0).forEach((undo) => undo());
    await db.close().catch(() => undefined);
    const reopened = await DataContext.open(name);
    opened.push(reopened);
    expect(await reopened.patientById(patient(33).id)).toBeNull();
  });
});
