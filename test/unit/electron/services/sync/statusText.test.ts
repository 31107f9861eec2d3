// The CLI's text: Thai and English side by side, rejections with reasons, exit code for IT scripts.
import { describe, expect, it } from 'vitest';
import { exitCodeOf, sparkline, statusLines } from '../../../../../electron/services/sync/statusText.std.js';
import { foldStatus } from '../../../../../electron/services/sync/syncStatus.std.js';
import { linkSummary } from '../../../../../electron/services/sync/linkChart.std.js';
import { hubStatus } from '../../../../factories/sync/fakeSyncApi.js';

const now = Date.parse('2026-11-23T10:00:00.000Z');
const at = '2026-11-23T09:55:00.000Z';
const config = { centralUrl: 'https://central.example.test', username: 'st-10670-opd-1', database: 'clinic_10670' };
const report = {
  state: 'up_to_date' as const,
  errorCode: null,
  pending: 2,
  docsUp: 5,
  docsDown: 1,
  lastSuccessAt: at,
  conflictsResolved: 0,
  conflicts: [],
  rejections: [],
  reportedAt: at,
};

describe('sync status text', () => {
  it('unconfigured: one bilingual line and exit 1', () => {
    const status = foldStatus({
      config: null,
      credentialsError: null,
      link: null,
      report: null,
      reportsValidFrom: null,
      history: [],
    });
    expect(statusLines(status, linkSummary([], now), now)).toEqual([
      'สถานะ / State: ยังไม่ได้ตั้งค่าการเชื่อมต่อเซิร์ฟเวอร์กลาง / Not set up',
    ]);
    expect(exitCodeOf(status)).toBe(1);
  });

  it('up to date: exit 0, last success with its age; rejected: exit 1 with the reason', () => {
    const link = { up: true, errorCode: null, at, rttMs: 12 };
    const ok = foldStatus({ config, credentialsError: null, link, report, reportsValidFrom: null, history: [] });
    const lines = statusLines(ok, linkSummary([], now), now).join('\n');
    expect(lines).toContain('Up to date');
    expect(lines).toContain('5 min ago');
    expect(exitCodeOf(ok)).toBe(0);
    const rejections = [
      { id: 'Encounter/e1', rev: null, status: 403, reason: 'forbidden: encounter of another hospital', at },
    ];
    const bad = foldStatus({
      config,
      credentialsError: null,
      link,
      report: { ...report, rejections },
      reportsValidFrom: null,
      history: [],
    });
    expect(statusLines(bad, linkSummary([], now), now).join('\n')).toContain(
      'Encounter/e1 (HTTP 403): forbidden: encounter of another hospital',
    );
    expect(exitCodeOf(bad)).toBe(1);
    const offline = foldStatus({
      config,
      credentialsError: null,
      link: { ...link, up: false, errorCode: 'sync_offline' },
      report,
      reportsValidFrom: null,
      history: [],
    });
    expect(exitCodeOf(offline)).toBe(0);
  });

  it('names the hospital hub, its link and the path replication runs over (issue 15 §1)', () => {
    const link = { up: false, errorCode: 'sync_offline' as const, at, rttMs: null };
    const viaHub = foldStatus({
      config,
      credentialsError: null,
      link,
      report: { ...report, path: 'hub' },
      reportsValidFrom: null,
      history: [],
      hub: hubStatus('https://hub.lan', { up: true, errorCode: null, at, rttMs: 2 }),
    });
    expect(statusLines(viaHub, linkSummary([], now), now)).toContain(
      'ฮับในโรงพยาบาล / Hospital hub: https://hub.lan, ใช้ได้ / up; ซิงก์ผ่าน / syncing over: ฮับ / the hub',
    );
    expect(viaHub.state).toBe('up_to_date');
    const stored = foldStatus({
      config,
      credentialsError: null,
      link,
      report,
      reportsValidFrom: null,
      history: [],
      hub: hubStatus('https://hub.lan', null),
    });
    expect(statusLines(stored, linkSummary([], now), now).join('\n')).toContain(
      'https://hub.lan, ไม่ทราบ (แอปไม่ได้ทำงาน) / not known (the app is not running); ซิงก์ผ่าน / syncing over: ไม่ทราบ / not known',
    );
  });

  it('sparkline: one character per bucket', () => {
    expect(sparkline([null, 0, 0.5, 1])).toBe('·▁▅█');
  });
});
