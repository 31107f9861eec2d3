import { describe, expect, it } from 'vitest';
import { failureOf, keptLocalDeletion, rejectionOf } from '../../../../sync/replication/failures.std.js';
import { KEPT_DELETION_REFUSAL } from '../../../../sync/central/designDocs.std.js';
import { classifyFailure } from '../../../../sync/replication/linkPolicy.std.js';

const at = '2026-11-23T08:00:00.000Z';
// A _bulk_docs error row as PouchDB 9's http adapter hands it on (generateErrorFromResponse adds name, a
// default status 500 and message).
const row = {
  id: 'Observation/abc',
  error: 'forbidden',
  reason: 'observations are immutable (valueQuantity changed)',
  name: 'forbidden',
  status: 500,
  message: 'observations are immutable (valueQuantity changed)',
};

describe('rejectionOf (denied events)', () => {
  it('reads the id and reason inside db.sync’s {direction, doc} wrapper', () => {
    expect(rejectionOf({ direction: 'push', doc: row }, at)).toEqual({
      id: 'Observation/abc',
      rev: null,
      status: 403,
      reason: row.reason,
      at,
    });
  });

  it('reads a one-shot replication’s bare row, and CouchDB 3’s rev', () => {
    expect(rejectionOf({ ...row, rev: '3-x' }, at)).toMatchObject({ id: 'Observation/abc', rev: '3-x', status: 403 });
    expect(rejectionOf({ id: 'Encounter/e', error: 'unauthorized', reason: 'no' }, at)).toMatchObject({
      status: 401,
      reason: 'no',
    });
  });

  it('never drops a refusal it cannot read', () => {
    expect(rejectionOf(null, at)).toEqual({ id: 'unknown', rev: null, status: null, reason: 'refused', at });
    expect(rejectionOf({ direction: 'push', doc: {} }, at).id).toBe('unknown');
  });
});

describe('failureOf (failed requests)', () => {
  it('takes the socket error from fetch’s cause', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(failureOf(error)).toEqual({ status: null, code: 'ECONNREFUSED' });
    expect(classifyFailure(failureOf(error))).toBe('sync_server_down');
  });

  it('reads our request timeout and HTTP statuses', () => {
    expect(
      classifyFailure(failureOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))),
    ).toBe('sync_timeout');
    expect(classifyFailure(failureOf({ status: 401, name: 'unauthorized' }))).toBe('sync_wrong_password');
    expect(classifyFailure(failureOf({ status: 403, name: 'forbidden' }))).toBe('sync_forbidden');
    expect(classifyFailure(failureOf({ status: 500, name: 'internal_server_error' }))).toBe('sync_server_error');
    expect(classifyFailure(failureOf(new TypeError('fetch failed')))).toBe('sync_offline');
  });
});

describe('keptLocalDeletion', () => {
  const refusal = (id: string, reason: string) => rejectionOf({ id, error: 'forbidden', reason }, at);
  it('is central declining the resolver’s deletion of a losing revision, not a rejection for IT', () => {
    expect(keptLocalDeletion(refusal('Patient/p1', `Patient ${KEPT_DELETION_REFUSAL}: …`), null)).toBe(true);
    expect(keptLocalDeletion(refusal('Encounter/e1', 'anything'), true)).toBe(true);
  });
  it('leaves every other refusal listed', () => {
    expect(keptLocalDeletion(refusal('Patient/p1', 'author (meta.source) must be the station user x'), null)).toBe(
      false,
    );
    expect(keptLocalDeletion(refusal('Patient/p1', `Patient ${KEPT_DELETION_REFUSAL}`), false)).toBe(false);
    expect(keptLocalDeletion(refusal('Device/d1', `Device ${KEPT_DELETION_REFUSAL}`), true)).toBe(false);
  });
});
