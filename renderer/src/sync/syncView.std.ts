/**
 * What the dashboard and the header show for a sync status, pure. Main already combines its link probe with
 * the renderer's report (linkPolicy.combinedState); this re-checks every piece the status carries, so a
 * status that says "up to date" beside a failed probe, a failed replication, records still waiting,
 * refused records or unsettled conflicts is never shown as synced.
 */
import type { ConflictItem, Rejection, SyncState, SyncStatus } from '../../../electron/contract/sync.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';
import { combinedState, replicationLink } from '../../../sync/replication/linkPolicy.std.js';

/** Colour family of the state: ok (green), busy/warn (amber), bad (red). */
export type Tone = 'ok' | 'busy' | 'warn' | 'bad';

export interface SyncView {
  readonly state: SyncState;
  readonly tone: Tone;
  /** The reason under the headline (catalogued, bilingual), or null when there is nothing to explain. */
  readonly errorCode: SyncErrorCode | null;
  readonly configured: boolean;
  /** null while no replication report has reached main (the count is not known, which is not zero). */
  readonly pending: number | null;
  readonly docsUp: number;
  readonly docsDown: number;
  readonly conflictsResolved: number;
  readonly lastSuccessAt: string | null;
  readonly conflicts: readonly ConflictItem[];
  readonly rejections: readonly Rejection[];
  readonly canSyncNow: boolean;
  /** Up to date with the hospital hub (which passes records on to central), not with central itself. */
  readonly viaHub: boolean;
}

const toneOf: Record<SyncState, Tone> = {
  unconfigured: 'warn',
  offline: 'warn',
  connecting: 'busy',
  syncing: 'busy',
  up_to_date: 'ok',
  error: 'bad',
};

const OFFLINE_CODES: readonly SyncErrorCode[] = ['sync_offline', 'sync_timeout'];

type Shown = { state: SyncState; errorCode: SyncErrorCode | null };

function asFailure(code: SyncErrorCode): Shown {
  return OFFLINE_CODES.includes(code) ? { state: 'offline', errorCode: code } : { state: 'error', errorCode: code };
}

/** The state to show: main's, unless any part of the status contradicts "up to date". */
export function displayState(status: SyncStatus): Shown {
  const shown = checkedState(status);
  // A failure always names its reason; one without a code is still a failure of central.
  return shown.state === 'error' && shown.errorCode === null
    ? { state: 'error', errorCode: 'sync_server_error' }
    : shown;
}

function checkedState(status: SyncStatus): Shown {
  if (!status.configured) return { state: 'unconfigured', errorCode: null };
  const main = { state: status.state, errorCode: status.errorCode };
  if (main.state !== 'up_to_date') return main;
  if (main.errorCode !== null) return asFailure(main.errorCode);
  const checked = combinedState(true, replicationLink(status.link, status.hub, status.replication), status.replication);
  if (checked.state !== 'up_to_date') return checked;
  const report = status.replication;
  if (report === null) return { state: 'connecting', errorCode: null };
  if (report.errorCode !== null) return asFailure(report.errorCode);
  // Up to date with records still waiting, or without ever having completed once, is not up to date.
  if (report.pending > 0 || report.lastSuccessAt === null) return { state: 'syncing', errorCode: null };
  return { state: 'up_to_date', errorCode: null };
}

export function syncView(status: SyncStatus | null): SyncView {
  if (status === null) {
    return {
      state: 'connecting',
      tone: 'busy',
      errorCode: null,
      configured: false,
      pending: null,
      docsUp: 0,
      docsDown: 0,
      conflictsResolved: 0,
      lastSuccessAt: null,
      conflicts: [],
      rejections: [],
      canSyncNow: false,
      viaHub: false,
    };
  }
  const { state, errorCode } = displayState(status);
  const report = status.replication;
  return {
    state,
    tone: toneOf[state],
    errorCode,
    configured: status.configured,
    pending: report?.pending ?? null,
    docsUp: report?.docsUp ?? 0,
    docsDown: report?.docsDown ?? 0,
    conflictsResolved: report?.conflictsResolved ?? 0,
    lastSuccessAt: report?.lastSuccessAt ?? null,
    conflicts: report?.conflicts ?? [],
    rejections: report?.rejections ?? [],
    canSyncNow: status.configured,
    viaHub: state === 'up_to_date' && status.hub !== null && report?.path === 'hub',
  };
}
