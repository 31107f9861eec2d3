// The sync commands on a real (unconfigured) edge node: no network needed for these answers.
import { afterEach, describe, expect, it } from 'vitest';
import { tempEdgeNode } from '../../../../factories/edgeNode.js';
import { staffed } from '../../../../factories/staff.js';
import type { EventName } from '../../../../../electron/contract/contract.std.js';

type Node = Awaited<ReturnType<typeof tempEdgeNode>>;
const nodes: Node[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.dispose();
});

async function node(): Promise<Node> {
  const created = await tempEdgeNode();
  nodes.push(created);
  return created;
}

const at = '2026-11-23T09:00:00.000Z';
const report = {
  state: 'syncing',
  errorCode: null,
  pending: 12,
  docsUp: 3,
  docsDown: 4,
  lastSuccessAt: at,
  conflictsResolved: 2,
  conflicts: [
    { id: 'Patient/p1', resourceType: 'Patient', reason: 'both stations changed the address', revs: ['3-a', '3-b'] },
  ],
  rejections: [
    {
      id: 'Observation/o9',
      rev: '1-c',
      status: 403,
      reason: 'forbidden: author (meta.source) must be the station user',
      at,
    },
  ],
};

describe('sync handlers', () => {
  it('unconfigured: status says so; endpoint and sync now refuse with sync_not_configured', async () => {
    const station = await node();
    expect(await station.dispatch('sync.status', {})).toMatchObject({
      ok: true,
      value: { configured: false, state: 'unconfigured', link: null },
    });
    expect(await station.dispatch('sync.endpoint', {})).toMatchObject({
      ok: false,
      error: { code: 'sync_not_configured' },
    });
    expect(await station.dispatch('sync.now', {})).toMatchObject({ ok: false, error: { code: 'sync_not_configured' } });
    // Configuring needs the station's hospital code first.
    expect(
      await station.dispatch('sync.configure', {
        centralUrl: 'http://127.0.0.1:9',
        username: 'st-10670-opd-1',
        password: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'sync_not_configured' } });
    expect(
      await station.dispatch('sync.configure', { centralUrl: 'ftp://central', username: 'u', password: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await station.dispatch('sync.configure', {
        centralUrl: 'http://127.0.0.1:9',
        username: 'u',
        password: 'x',
        extra: 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('sync.report is stored, emitted, and feeds conflicts, rejections and status', async () => {
    const station = await node();
    const seen: EventName[] = [];
    station.events.subscribe((name) => seen.push(name));
    expect(await station.dispatch('sync.report', report)).toEqual({ ok: true, value: { state: 'unconfigured' } });
    expect(await station.dispatch('sync.conflicts', {})).toEqual({ ok: true, value: report.conflicts });
    expect(await station.dispatch('sync.rejections', {})).toEqual({ ok: true, value: report.rejections });
    expect(await station.dispatch('sync.status', {})).toMatchObject({
      ok: true,
      value: { replication: { pending: 12, docsUp: 3 } },
    });
    expect(seen).toEqual(expect.arrayContaining(['sync.status', 'link.changed']));
    expect(station.sync.store.report()).toMatchObject({ pending: 12 });
    expect(await station.dispatch('sync.report', { ...report, pending: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('a purge the page reports is audited once, with counts only; the working set is the setting IT changes, audited', async () => {
    const station = staffed(await node());
    const purge = {
      at,
      cutoff: '2026-10-24T00:00:00.000Z',
      candidates: 40,
      unconfirmed: 2,
      purged: 38,
      docsLeft: 1200,
    };
    const store = { workingSetDays: 30, usageBytes: 5_000_000, quotaBytes: 1_000_000_000, lastPurge: purge };
    for (let i = 0; i < 3; i += 1) expect((await station.dispatch('sync.report', { ...report, store })).ok).toBe(true);
    const purges = station.audit.recent(50).filter((entry) => entry.action === 'sync.records_purged');
    expect(purges).toHaveLength(1);
    expect(await station.dispatch('sync.status', {})).toMatchObject({ ok: true, value: { replication: { store } } });
    await station.dispatch('sync.report', {
      ...report,
      store: { ...store, lastPurge: { ...purge, at: '2026-11-24T09:00:00.000Z' } },
    });
    expect(station.audit.recent(50).filter((entry) => entry.action === 'sync.records_purged')).toHaveLength(2);

    expect(await station.dispatch('sync.workingSet', {})).toEqual({ ok: true, value: { days: 30 } });
    expect(await station.dispatch('sync.setWorkingSet', { days: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await station.dispatch('sync.setWorkingSet', { days: 60 })).toEqual({ ok: true, value: { days: 60 } });
    expect(await station.dispatch('sync.workingSet', {})).toEqual({ ok: true, value: { days: 60 } });
    expect(station.audit.recent(50).filter((entry) => entry.action === 'sync.working_set_changed')).toHaveLength(1);
  });
});
