/**
 * What PouchDB hands the replicator when something fails, read into plain facts, pure. Two shapes matter:
 *  - a failed request: an Error with `status` (HTTP), or fetch's TypeError whose `cause.code` is the socket
 *    error (ECONNREFUSED...), or an abort by our request timeout (`TimeoutError`);
 *  - a document central refused (validate_doc_update `forbidden`/`unauthorized`): PouchDB 9 turns each
 *    `_bulk_docs` error row into `{id, error, reason, name, status: 500, message}` (the status is a default,
 *    not central's), a one-shot replication emits that row as its 'denied' event, and `db.sync` wraps it
 *    as `{direction, doc: row}`. CouchDB 3 adds `rev` to the row; pouchdb-server does not.
 */
import type { Rejection } from './report.std.js';
import { KEPT_DELETION_REFUSAL, KEPT_TYPES } from '../central/designDocs.std.js';

export interface Failure {
  readonly status: number | null;
  readonly code: string | null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function failureOf(error: unknown): Failure {
  const record = asRecord(error);
  const status = typeof record['status'] === 'number' ? record['status'] : null;
  const cause = asRecord(record['cause']);
  const name = text(record['name']);
  const message = text(record['message']) ?? '';
  const code =
    text(record['code']) ??
    text(cause['code']) ??
    (name === 'TimeoutError' || /timeout|timed out/i.test(message) ? 'TIMEOUT' : null);
  return { status, code };
}

/** The refused row inside a 'denied' event of either shape. */
function deniedRow(event: unknown): Record<string, unknown> {
  const record = asRecord(event);
  const inner = asRecord(record['doc']);
  return typeof record['direction'] === 'string' && Object.keys(inner).length > 0 ? inner : record;
}

/** A 'denied' event as the rejection IT sees; the id is 'unknown' only if PouchDB gave none. */
export function rejectionOf(event: unknown, at: string): Rejection {
  const row = deniedRow(event);
  const kind = (text(row['error']) ?? text(row['name']) ?? '').toLowerCase();
  const status =
    kind === 'forbidden'
      ? 403
      : kind === 'unauthorized'
        ? 401
        : typeof row['status'] === 'number'
          ? row['status']
          : null;
  return {
    id: text(row['id']) ?? 'unknown',
    rev: text(row['rev']),
    status,
    reason: text(row['reason']) ?? text(row['message']) ?? (kind === '' ? 'refused' : kind),
    at,
  };
}

/**
 * Whether a refusal is central declining a deletion the conflict resolver made on the station: central never
 * lets a station delete these types, the station keeps its deletion, and that is not a rejection for IT.
 * `deletedHere`: whether the refused revision is a deletion in the station's store (null when unknown, as
 * pouchdb-server names no revision; then central's reason tells).
 */
export function keptLocalDeletion(rejection: Rejection, deletedHere: boolean | null): boolean {
  if (!KEPT_TYPES.some((type) => rejection.id.startsWith(`${type}/`))) return false;
  return deletedHere ?? rejection.reason.includes(KEPT_DELETION_REFUSAL);
}
