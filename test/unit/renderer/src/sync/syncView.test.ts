import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayState, syncView } from '../../../../../renderer/src/sync/syncView.std.js';
import { SyncState, type ReplicationReport, type SyncStatus } from '../../../../../electron/contract/sync.std.js';
import { syncErrorCodes, type SyncErrorCode } from '../../../../../sync/replication/syncErrors.std.js';
import { hubStatus } from '../../../../factories/sync/fakeSyncApi.js';

const report = (over: Partial<ReplicationReport> = {}): ReplicationReport & { reportedAt: string } => ({
  state: 'up_to_date',
  errorCode: null,
  pending: 0,
  docsUp: 4,
  docsDown: 2,
  lastSuccessAt: '2026-11-23T07:00:00.000Z',
  conflictsResolved: 0,
  conflicts: [],
  rejections: [],
  reportedAt: '2026-11-23T07:00:01.000Z',
  ...over,
});
const linkUp = { up: true, errorCode: null, at: '2026-11-23T07:00:00.000Z', rttMs: 4 };
const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  configured: true,
  centralUrl: 'https://central.example',
  database: 'clinic_10953',
  stationUser: 'st-10953-a',
  state: 'up_to_date',
  errorCode: null,
  link: linkUp,
  replication: report(),
  linkHistory: [],
  linkRecent: [],
  linkSummary: { probes: 0, upRatio: null, outages: 0, longestOutageMs: 0, medianRttMs: null },
  hub: null,
  ...over,
});

describe('what the dashboard shows for a sync status', () => {
  it('shows up to date only when every part agrees', () => {
    expect(syncView(status())).toMatchObject({
      state: 'up_to_date',
      tone: 'ok',
      errorCode: null,
      pending: 0,
      docsUp: 4,
      docsDown: 2,
    });
  });

  it('names each failure: offline, wrong password, certificate, server down, refused records, conflicts', () => {
    expect(
      displayState(
        status({
          state: 'offline',
          errorCode: 'sync_offline',
          link: { ...linkUp, up: false, errorCode: 'sync_offline' },
        }),
      ),
    ).toEqual({ state: 'offline', errorCode: 'sync_offline' });
    expect(displayState(status({ state: 'error', errorCode: 'sync_wrong_password' }))).toEqual({
      state: 'error',
      errorCode: 'sync_wrong_password',
    });
    expect(displayState(status({ state: 'error', errorCode: 'sync_certificate' }))).toEqual({
      state: 'error',
      errorCode: 'sync_certificate',
    });
    expect(displayState(status({ state: 'error', errorCode: 'sync_server_down' }))).toEqual({
      state: 'error',
      errorCode: 'sync_server_down',
    });
    const refused = report({ rejections: [{ id: 'Patient/x', rev: '1-a', status: 403, reason: 'forbidden', at: '' }] });
    expect(displayState(status({ replication: refused }))).toEqual({
      state: 'error',
      errorCode: 'sync_rejected_documents',
    });
    const conflicted = report({
      conflicts: [
        { id: 'Observation/x', resourceType: 'Observation', reason: 'observation_changed', revs: ['2-a', '2-b'] },
      ],
    });
    expect(displayState(status({ replication: conflicted }))).toEqual({
      state: 'error',
      errorCode: 'sync_conflicts_pending',
    });
    expect(syncView(status({ state: 'error', errorCode: 'sync_wrong_password' })).tone).toBe('bad');
  });

  it('an error without a code still reads as a failure, never as synced', () => {
    expect(displayState(status({ state: 'error', errorCode: null }))).toEqual({
      state: 'error',
      errorCode: 'sync_server_error',
    });
  });

  it('is not up to date with records waiting, before any success, or without a report', () => {
    expect(displayState(status({ replication: report({ pending: 3 }) })).state).toBe('syncing');
    expect(displayState(status({ replication: report({ lastSuccessAt: null }) })).state).toBe('syncing');
    expect(displayState(status({ replication: null })).state).toBe('connecting');
    expect(syncView(status({ replication: null })).pending).toBeNull();
    expect(syncView(null)).toMatchObject({ state: 'connecting', pending: null, canSyncNow: false });
    expect(syncView(status({ configured: false, state: 'unconfigured' }))).toMatchObject({
      state: 'unconfigured',
      canSyncNow: false,
    });
  });

  it('never says synced when the link, the replication or main reported a failure (property)', () => {
    // Each part is fine most of the time, so "everything fine" comes up often enough to be checked too.
    const mostly = <T>(fine: T, bad: fc.Arbitrary<T>): fc.Arbitrary<T> =>
      fc.oneof({ arbitrary: fc.constant(fine), weight: 4 }, { arbitrary: bad, weight: 1 });
    const code = fc.constantFrom(...syncErrorCodes);
    const state = fc.constantFrom(...SyncState.options);
    const arbitraryStatus = fc.record({
      mainState: mostly<SyncState>('up_to_date', state),
      mainCode: mostly<SyncErrorCode | null>(null, code),
      linkUp: mostly(true, fc.constant(false)),
      linkCode: fc.option(code),
      hasReport: mostly(true, fc.constant(false)),
      reportState: mostly<SyncState>('up_to_date', state),
      reportCode: mostly<SyncErrorCode | null>(null, code),
      pending: mostly(0, fc.nat(5)),
      rejected: mostly(false, fc.constant(true)),
      conflicted: mostly(false, fc.constant(true)),
      everSucceeded: mostly(true, fc.constant(false)),
    });
    let allFine = 0;
    fc.assert(
      fc.property(arbitraryStatus, (draw) => {
        const shown = displayState(
          status({
            state: draw.mainState,
            errorCode: draw.mainCode,
            link: { ...linkUp, up: draw.linkUp, errorCode: draw.linkCode },
            replication: draw.hasReport
              ? report({
                  state: draw.reportState,
                  errorCode: draw.reportCode,
                  pending: draw.pending,
                  lastSuccessAt: draw.everSucceeded ? '2026-11-23T06:00:00.000Z' : null,
                  rejections: draw.rejected
                    ? [{ id: 'Patient/x', rev: null, status: 403, reason: 'forbidden', at: '' }]
                    : [],
                  conflicts: draw.conflicted
                    ? [{ id: 'Patient/x', resourceType: 'Patient', reason: 'mixed_types', revs: [] }]
                    : [],
                })
              : null,
          }),
        );
        const failed =
          draw.mainState !== 'up_to_date' ||
          draw.mainCode !== null ||
          !draw.linkUp ||
          !draw.hasReport ||
          draw.reportState !== 'up_to_date' ||
          draw.reportCode !== null ||
          draw.pending > 0 ||
          draw.rejected ||
          draw.conflicted ||
          !draw.everSucceeded;
        if (failed) expect(shown.state).not.toBe('up_to_date');
        else {
          allFine += 1;
          expect(shown).toEqual({ state: 'up_to_date', errorCode: null });
        }
        if (shown.state === 'error') expect(shown.errorCode).not.toBeNull();
      }),
      { numRuns: 500 },
    );
    expect(allFine).toBeGreaterThan(0);
  });

  it('judges a station with a hub by the link it replicates over: up to date via the hub while GIN is down, never over a dead hub', () => {
    const ginDown = { up: false, errorCode: 'sync_offline' as const, at: '2026-11-23T07:00:00.000Z', rttMs: null };
    const hub = hubStatus('https://hub.lan', linkUp);
    expect(syncView(status({ link: ginDown, hub, replication: report({ path: 'hub' }) }))).toMatchObject({
      state: 'up_to_date',
      viaHub: true,
      errorCode: null,
    });
    expect(
      syncView(status({ link: ginDown, hub: { ...hub, link: ginDown }, replication: report({ path: 'hub' }) })),
    ).toMatchObject({ state: 'offline', viaHub: false });
    expect(syncView(status({ link: ginDown, hub, replication: report({ path: 'central' }) }))).toMatchObject({
      state: 'offline',
      viaHub: false,
    });
    expect(syncView(status({ hub, replication: report({ path: 'central' }) }))).toMatchObject({
      state: 'up_to_date',
      viaHub: false,
    });
  });
});
