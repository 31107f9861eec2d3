// The dashboard's 24 h link chart on a real edge node against a tiny fake central: the first probe shows in
// the chart as soon as sync is configured (it used to wait up to 30 s behind a cached, empty chart), and each
// later probe at once too.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../../electron/contract/sync.std.js';
import {
  couchLike,
  fakeCentral,
  syncNode,
  type FakeCentral,
  type SyncNode,
} from '../../../../integration/sync-main/syncNode.js';

const HCODE = '10670';
const PASSWORD = 'station-secret-for-tests';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ node: SyncNode; central: FakeCentral }> {
  const central = await fakeCentral(couchLike(`clinic_${HCODE}`, PASSWORD));
  cleanups.push(() => central.close());
  // No probe loop of its own: the test says when to probe.
  const node = await syncNode(HCODE, { session: { timeoutMs: 2_000 }, autoStart: false });
  cleanups.push(() => node.dispose());
  return { node, central };
}

async function status(node: SyncNode): Promise<SyncStatus> {
  const answer = await node.dispatch('sync.status', {});
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as SyncStatus;
}

const probesUp = (history: SyncStatus['linkHistory']) => history.filter((bucket) => bucket.upRatio !== null);

describe('link chart, live', () => {
  it('holds the first probe as soon as sync is configured, though the dashboard read the chart just before', async () => {
    const { node, central } = await setUp();
    // The IT dashboard is open before sync is configured: it reads the (empty) chart.
    expect(probesUp((await status(node)).linkHistory)).toEqual([]);
    const configured = await node.dispatch('sync.configure', {
      centralUrl: central.url,
      username: `st-${HCODE}-opd-1`,
      password: PASSWORD,
    });
    expect(configured).toMatchObject({ ok: true, value: { link: { up: true } } });
    const answer = configured.ok ? (configured.value as SyncStatus) : null;
    // What configure answers, and what the dashboard reads next, both show the probe in the open bucket.
    for (const history of [answer?.linkHistory ?? [], (await status(node)).linkHistory]) {
      expect(history).toHaveLength(96);
      expect(probesUp(history)).toHaveLength(1);
      expect(history.at(-1)).toMatchObject({ upRatio: 1, rttMs: expect.any(Number) });
    }
  });

  it('a probe that fails shows at once too', async () => {
    const { node, central } = await setUp();
    const configured = await node.dispatch('sync.configure', {
      centralUrl: central.url,
      username: `st-${HCODE}-opd-1`,
      password: PASSWORD,
    });
    expect(configured.ok).toBe(true);
    await central.close();
    await node.sync.probeNow();
    const ratios = probesUp((await status(node)).linkHistory).map((bucket) => bucket.upRatio);
    // Two probes, one reached central: half up in the open bucket (or, across a quarter hour, up then down).
    expect([[0.5], [1, 0]]).toContainEqual(ratios);
  });
});
