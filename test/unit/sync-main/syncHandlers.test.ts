// The sync commands on a real (unconfigured) edge node: no network needed for these answers.
import { afterEach, describe, expect, it } from 'vitest';
import { tempEdgeNode } from '../../factories/edgeNode.js';
import type { EventName } from '../../../electron/contract/contract.std.js';

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
  conflicts: [{ id: 'Patient/p1', resourceType: 'Patient', reason: 'both stations changed the address', revs: ['3-a', '3-b'] }],
  rejections: [{ id: 'Observation/o9', rev: '1-c', status: 403, reason: 'forbidden: author (meta.source) must be the station user', at }],
};

describe('sync handlers', () => {
  it('unconfigured: status says so; endpoint and sync now refuse with sync_not_configured', async () => {
    const station = await node();
    expect(await station.dispatch('sync.status', {})).toMatchObject({ ok: true, value: { configured: false, state: 'unconfigured', link: null } });
    expect(await station.dispatch('sync.endpoint', {})).toMatchObject({ ok: false, error: { code: 'sync_not_configured' } });
    expect(await station.dispatch('sync.now', {})).toMatchObject({ ok: false, error: { code: 'sync_not_configured' } });
    // Configuring needs the station's hospital code first.
    expect(await station.dispatch('sync.configure', { centralUrl: 'http://127.0.0.1:9', username: 'st-10670-opd-1', password: 'x' })).toMatchObject({ ok: false, error: { code: 'sync_not_configured' } });
    expect(await station.dispatch('sync.configure', { centralUrl: 'ftp://central', username: 'u', password: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await station.dispatch('sync.configure', { centralUrl: 'http://127.0.0.1:9', username: 'u', password: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('sync.report is stored, emitted, and feeds conflicts, rejections and status', async () => {
    const station = await node();
    const seen: EventName[] = [];
    station.events.subscribe((name) => seen.push(name));
    expect(await station.dispatch('sync.report', report)).toEqual({ ok: true, value: { state: 'unconfigured' } });
    expect(await station.dispatch('sync.conflicts', {})).toEqual({ ok: true, value: report.conflicts });
    expect(await station.dispatch('sync.rejections', {})).toEqual({ ok: true, value: report.rejections });
    expect(await station.dispatch('sync.status', {})).toMatchObject({ ok: true, value: { replication: { pending: 12, docsUp: 3 } } });
    expect(seen).toEqual(expect.arrayContaining(['sync.status', 'link.changed']));
    expect(station.sync.store.report()).toMatchObject({ pending: 12 });
    expect(await station.dispatch('sync.report', { ...report, pending: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
