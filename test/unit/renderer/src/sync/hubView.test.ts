import { describe, expect, it } from 'vitest';
import { hubProblem, hubView } from '../../../../../renderer/src/sync/hubView.std.js';
import type { SyncStatus } from '../../../../../electron/contract/sync.std.js';
import { syncErrorCodes } from '../../../../../sync/replication/syncErrors.std.js';
import th from '../../../../../renderer/src/i18n/th.json';
import en from '../../../../../renderer/src/i18n/en.json';
import { hubStatus, unconfiguredStatus } from '../../../../factories/sync/fakeSyncApi.js';

const at = '2026-12-06T08:00:00.000Z';
const up = { up: true, errorCode: null, at, rttMs: 2 };
const down = { up: false, errorCode: 'sync_offline' as const, at, rttMs: null };
const report = {
  state: 'up_to_date' as const,
  errorCode: null,
  pending: 0,
  docsUp: 0,
  docsDown: 0,
  lastSuccessAt: at,
  conflictsResolved: 0,
  conflicts: [],
  rejections: [],
  reportedAt: at,
};
const status = (over: Partial<SyncStatus>): SyncStatus => ({ ...unconfiguredStatus(), configured: true, ...over });

describe('the two links on the dashboard', () => {
  it('shows no hub when none is set, whatever the page reported', () => {
    expect(hubView(status({ link: up, replication: { ...report, path: 'central' } }))).toMatchObject({
      url: null,
      hub: 'unknown',
      path: null,
      central: 'up',
    });
  });

  it('GIN down, LAN up: the hub up, central down with its reason, replication over the hub', () => {
    expect(
      hubView(status({ link: down, hub: hubStatus('https://hub.lan', up), replication: { ...report, path: 'hub' } })),
    ).toEqual({
      url: 'https://hub.lan',
      hub: 'up',
      hubError: null,
      hubProblem: null,
      central: 'down',
      centralError: 'sync_offline',
      path: 'hub',
    });
  });

  it('a hub not probed yet is unknown, not down', () => {
    expect(hubView(status({ link: up, hub: hubStatus('https://hub.lan', null) }))).toMatchObject({
      hub: 'unknown',
      hubError: null,
      path: null,
    });
  });

  it('a hub down says why in the hub’s words: a LAN cut (no answer in time) is the hub’s, not central’s', () => {
    const slow = { ...down, errorCode: 'sync_timeout' as const };
    expect(
      hubView(
        status({ link: up, hub: hubStatus('https://hub.lan', slow), replication: { ...report, path: 'central' } }),
      ),
    ).toMatchObject({ hub: 'down', hubError: 'sync_timeout', hubProblem: 'slow', central: 'up', path: 'central' });
  });

  it.each([
    ['th', th.sync.hub.problem, /เซิร์ฟเวอร์กลาง/],
    ['en', en.sync.hub.problem, /central/i],
  ] as const)(
    '%s: whatever code the hub’s probe failed with, its text is about the hub, never central',
    (_l, texts, central) => {
      const words: Readonly<Record<string, string>> = texts;
      for (const code of syncErrorCodes) {
        const text = words[hubProblem(code)];
        expect(text, code).toMatch(/hub|ฮับ/);
        expect(text, code).not.toMatch(central);
      }
    },
  );
});
