import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_PROBE_POLICY,
  classifyFailure,
  combinedState,
  linkHistory,
  nextProbeDelay,
} from '../../../../sync/replication/linkPolicy.std.js';
import type { ReplicationReport } from '../../../../electron/contract/sync.std.js';

const report = (over: Partial<ReplicationReport>): ReplicationReport => ({
  state: 'up_to_date',
  errorCode: null,
  pending: 0,
  docsUp: 0,
  docsDown: 0,
  lastSuccessAt: null,
  conflictsResolved: 0,
  conflicts: [],
  rejections: [],
  ...over,
});

describe('link policy', () => {
  it('a dead link is probed at most every 2 s, so a returning link is seen within cap + timeout < 5 s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (failures) => {
        const delay = nextProbeDelay(failures);
        expect(delay).toBeGreaterThanOrEqual(DEFAULT_PROBE_POLICY.downStartMs);
        expect(delay + DEFAULT_PROBE_POLICY.timeoutMs).toBeLessThan(5_000);
      }),
    );
    expect([1, 2, 3, 4, 5].map((n) => nextProbeDelay(n))).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it('never shows up to date over a failure, refused documents or unsettled conflicts', () => {
    const up = { up: true, errorCode: null, at: '', rttMs: 3 };
    expect(combinedState(false, null, null).state).toBe('unconfigured');
    expect(combinedState(true, { ...up, up: false, errorCode: 'sync_wrong_password' }, report({}))).toEqual({
      state: 'error',
      errorCode: 'sync_wrong_password',
    });
    expect(combinedState(true, { ...up, up: false, errorCode: null }, report({}))).toEqual({
      state: 'offline',
      errorCode: 'sync_offline',
    });
    expect(
      combinedState(
        true,
        up,
        report({ rejections: [{ id: 'x', rev: null, status: 403, reason: 'forbidden', at: '' }] }),
      ).errorCode,
    ).toBe('sync_rejected_documents');
    expect(
      combinedState(
        true,
        up,
        report({ conflicts: [{ id: 'x', resourceType: 'Observation', reason: 'observation_changed', revs: [] }] }),
      ).errorCode,
    ).toBe('sync_conflicts_pending');
    expect(combinedState(true, up, report({})).state).toBe('up_to_date');
  });

  it('classifies central failures into catalogued codes', () => {
    expect(classifyFailure({ status: 401 })).toBe('sync_wrong_password');
    expect(classifyFailure({ status: 403 })).toBe('sync_forbidden');
    expect(classifyFailure({ status: 500 })).toBe('sync_server_error');
    expect(classifyFailure({ status: 503 })).toBe('sync_server_down');
    expect(classifyFailure({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })).toBe('sync_certificate');
    expect(classifyFailure({ code: 'ECONNREFUSED' })).toBe('sync_server_down');
    expect(classifyFailure({ code: 'ETIMEDOUT' })).toBe('sync_timeout');
    expect(classifyFailure({})).toBe('sync_offline');
  });

  it('buckets 24 h of probes for the chart', () => {
    const now = Date.parse('2025-06-02T00:00:00Z');
    const history = linkHistory(
      [
        { at: now - 60_000, up: true, rttMs: 10 },
        { at: now - 30_000, up: false, rttMs: null },
        { at: now - 2 * 86_400_000, up: true, rttMs: 1 },
      ],
      now,
    );
    expect(history).toHaveLength(96);
    expect(history.at(-1)).toMatchObject({ upRatio: 0.5, rttMs: 10 });
    expect(history.filter((bucket) => bucket.upRatio !== null)).toHaveLength(1);
  });
});
