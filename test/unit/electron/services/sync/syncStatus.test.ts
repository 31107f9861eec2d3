// The one status shown everywhere, folded from configuration, link probe and the renderer's report.
import { describe, expect, it } from 'vitest';
import {
  foldStatus,
  linkStateOf,
  type FoldInput,
  type StoredReport,
} from '../../../../../electron/services/sync/syncStatus.std.js';
import { syncVerdict } from '../../../../../electron/services/sync/syncDoctor.node.js';
import { SyncStatus } from '../../../../../electron/contract/sync.std.js';

const config = { centralUrl: 'https://central.example.test', username: 'st-10670-opd-1', database: 'clinic_10670' };
const at = '2026-11-23T10:00:00.000Z';
const up = { up: true, errorCode: null, at, rttMs: 4 };
const report = (over: Partial<StoredReport> = {}): StoredReport => ({
  state: 'up_to_date',
  errorCode: null,
  pending: 0,
  docsUp: 10,
  docsDown: 3,
  lastSuccessAt: at,
  conflictsResolved: 0,
  conflicts: [],
  rejections: [],
  reportedAt: at,
  ...over,
});
const fold = (over: Partial<FoldInput>) =>
  foldStatus({
    config,
    credentialsError: null,
    link: up,
    report: report(),
    reportsValidFrom: null,
    history: [],
    ...over,
  });

describe('status folding', () => {
  it('is a valid SyncStatus and says up to date only when everything is', () => {
    const status = fold({});
    expect(SyncStatus.parse(status)).toEqual(status);
    expect(status.state).toBe('up_to_date');
    expect(linkStateOf(status)).toEqual({ status: 'up_to_date', errorCode: null, lastSyncAt: at, pending: 0 });
  });

  it('unconfigured, and a lost password, win over everything', () => {
    expect(fold({ config: null }).state).toBe('unconfigured');
    expect(fold({ config: null }).centralUrl).toBeNull();
    expect(fold({ credentialsError: 'sync_keystore_unavailable' })).toMatchObject({
      state: 'error',
      errorCode: 'sync_keystore_unavailable',
    });
  });

  it('a failed probe overrides an up-to-date report', () => {
    expect(fold({ link: { ...up, up: false, errorCode: 'sync_offline' } })).toMatchObject({
      state: 'offline',
      errorCode: 'sync_offline',
    });
    expect(fold({ link: { ...up, up: false, errorCode: 'sync_wrong_password' } })).toMatchObject({
      state: 'error',
      errorCode: 'sync_wrong_password',
    });
    expect(fold({ link: { ...up, up: false, errorCode: 'sync_certificate' } })).toMatchObject({
      state: 'error',
      errorCode: 'sync_certificate',
    });
  });

  it('rejections and unsettled conflicts are errors even when replication is idle', () => {
    const rejected = report({
      rejections: [{ id: 'Observation/x', rev: '1-a', status: 403, reason: 'forbidden: author', at }],
    });
    expect(fold({ report: rejected })).toMatchObject({ state: 'error', errorCode: 'sync_rejected_documents' });
    const conflicted = report({
      conflicts: [{ id: 'Patient/p1', resourceType: 'Patient', reason: 'both changed', revs: ['2-a', '2-b'] }],
    });
    expect(fold({ report: conflicted })).toMatchObject({ state: 'error', errorCode: 'sync_conflicts_pending' });
  });

  it('a report from an earlier run shows its counts but not its state', () => {
    const status = fold({ reportsValidFrom: '2026-11-23T11:00:00.000Z', report: report({ pending: 7 }) });
    expect(status.state).toBe('connecting');
    expect(status.replication?.pending).toBe(7);
    expect(linkStateOf(status).pending).toBe(7);
  });

  it('the doctor: warn unconfigured, fail on errors, warn when stale, ok when recent', () => {
    const now = Date.parse(at) + 5 * 60_000;
    expect(syncVerdict(fold({ config: null }), now).verdict).toBe('warn');
    expect(syncVerdict(fold({ link: { ...up, up: false, errorCode: 'sync_wrong_password' } }), now).verdict).toBe(
      'fail',
    );
    expect(syncVerdict(fold({ link: { ...up, up: false, errorCode: 'sync_offline' } }), now).verdict).toBe('warn');
    expect(syncVerdict(fold({}), now + 2 * 86_400_000).verdict).toBe('warn');
    expect(syncVerdict(fold({}), now)).toMatchObject({
      verdict: 'ok',
      en: expect.stringContaining('5 min ago') as string,
    });
  });
});
