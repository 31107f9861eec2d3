import { describe, expect, it } from 'vitest';
import type { ReplicationReport, SyncStatus } from '../../../../../electron/contract/sync.std.js';
import { ok } from '../../../../../electron/contract/result.std.js';
import type { DataContext } from '../../../../../sync/store/dataContext.dom.js';
import type { Database } from '../../../../../sync/store/pouch.dom.js';
import type { ReplicatorOptions } from '../../../../../sync/replication/replicator.dom.js';
import type { HubFailoverOptions } from '../../../../../sync/replication/hubFailover.dom.js';
import {
  centralUrl,
  ReplicationRunner,
  type ReplicatorHandle,
} from '../../../../../renderer/src/sync/replicationRunner.dom.js';
import { FakeSyncApi, hubStatus, testEndpoint, unconfiguredStatus } from '../../../../factories/sync/fakeSyncApi.js';
import { manualTimers } from '../../../../factories/manualTimers.js';

const baseReport: ReplicationReport = {
  state: 'connecting',
  errorCode: null,
  pending: 0,
  docsUp: 0,
  docsDown: 0,
  lastSuccessAt: null,
  conflictsResolved: 0,
  conflicts: [],
  rejections: [],
};

class FakeReplicator implements ReplicatorHandle {
  readonly options: ReplicatorOptions;
  started = false;
  stopped = false;
  kicks = 0;
  current: ReplicationReport = baseReport;
  constructor(options: ReplicatorOptions) {
    this.options = options;
  }
  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }
  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
  kick(): void {
    this.kicks += 1;
  }
  report(): ReplicationReport {
    return this.current;
  }
  emit(over: Partial<ReplicationReport>): void {
    this.current = { ...this.current, ...over };
    this.options.onReport?.(this.current);
  }
}

function setup() {
  const api = new FakeSyncApi();
  const timers = manualTimers();
  const replicators: FakeReplicator[] = [];
  const remotes: { url: string; headers: Record<string, string> }[] = [];
  const failovers: HubFailoverOptions[] = [];
  const store = { name: 'store' } as unknown as DataContext;
  const runner = new ReplicationRunner({
    api,
    store,
    newId: () => 'id-1',
    origin: 'http://127.0.0.1:5555',
    timers,
    createRemote: (url, headers) => {
      remotes.push({ url, headers });
      return { url } as unknown as Database;
    },
    createReplicator: (options) => {
      const replicator = new FakeReplicator(options);
      replicators.push(replicator);
      return replicator;
    },
    createFailover: (options) => {
      failovers.push(options);
      const replicator = new FakeReplicator({ ...options, remote: options.remotes.central });
      replicators.push(replicator);
      return Object.assign(replicator, { path: 'hub' as const });
    },
  });
  return { api, timers, replicators, failovers, remotes, store, runner };
}

const configured = (): SyncStatus => ({ ...unconfiguredStatus(), configured: true, state: 'connecting' });

describe('the replication runner', () => {
  it('stays idle while sync is not configured and starts when a status event says it is', async () => {
    const { api, runner, replicators, remotes, store, timers } = setup();
    runner.start();
    await runner.settled();
    expect(runner.phase).toBe('idle');
    expect(replicators).toHaveLength(0);
    timers.advance(60_000);
    expect(api.endpointCalls).toBe(1);

    api.emitStatus(unconfiguredStatus());
    await runner.settled();
    expect(replicators).toHaveLength(0);

    api.endpointAnswer = ok(testEndpoint);
    api.emitStatus(configured());
    await runner.settled();
    expect(runner.phase).toBe('running');
    expect(remotes).toEqual([
      { url: 'http://127.0.0.1:5555/central/clinic_10953', headers: { 'X-Edge-Proxy-Token': 'proxy-token-1' } },
    ]);
    const [replicator] = replicators;
    expect(replicator?.started).toBe(true);
    expect(replicator?.options.store).toBe(store);
    expect(replicator?.options.resolve.stationId).toBe('st-10953-a');
    expect(replicator?.options.resolve.hcode).toBe('10953');
    expect(replicator?.options.resolve.newId()).toBe('id-1');
    expect(api.reports).toHaveLength(1);
    await runner.stop();
  });

  it('uses main’s proxy origin when it has one (Electron)', () => {
    expect(centralUrl({ ...testEndpoint, proxyOrigin: 'http://127.0.0.1:40123/' }, 'app://edge')).toBe(
      'http://127.0.0.1:40123/central/clinic_10953',
    );
  });

  it('sends reports at most every 500 ms, always ending with the last one', async () => {
    const { api, runner, replicators, timers } = setup();
    api.endpointAnswer = ok(testEndpoint);
    runner.start();
    await runner.settled();
    const replicator = replicators[0];
    if (replicator === undefined) throw new Error('no replicator');
    for (let docsUp = 1; docsUp <= 50; docsUp += 1) replicator.emit({ state: 'syncing', docsUp });
    replicator.emit({ state: 'up_to_date', lastSuccessAt: '2026-11-23T07:00:00.000Z' });
    expect(api.reports).toHaveLength(1);
    timers.advance(500);
    await Promise.resolve();
    expect(api.reports).toHaveLength(2);
    expect(api.reports.at(-1)).toMatchObject({ state: 'up_to_date', docsUp: 50 });
    await runner.stop();
  });

  it('sends the current report again when main missed one', async () => {
    const { api, runner, replicators, timers } = setup();
    api.endpointAnswer = ok(testEndpoint);
    api.failReports = true;
    runner.start();
    await runner.settled();
    await Promise.resolve();
    api.failReports = false;
    replicators[0]?.emit({ state: 'offline', errorCode: 'sync_offline' });
    timers.advance(1_000);
    await Promise.resolve();
    expect(api.reports.at(-1)).toMatchObject({ state: 'offline', errorCode: 'sync_offline' });
    await runner.stop();
  });

  it('restarts replication on a kick, and reconnects only when reconfiguring changed the endpoint', async () => {
    const { api, runner, replicators } = setup();
    api.endpointAnswer = ok(testEndpoint);
    runner.start();
    await runner.settled();
    api.emitKick('link_up');
    api.emitKick('sync_now');
    expect(replicators[0]?.kicks).toBe(2);

    api.emitKick('configured');
    await runner.settled();
    expect(replicators).toHaveLength(1);
    expect(replicators[0]?.kicks).toBe(3);

    api.endpointAnswer = ok({ ...testEndpoint, token: 'proxy-token-2' });
    api.emitKick('configured');
    await runner.settled();
    expect(replicators).toHaveLength(2);
    expect(replicators[0]?.stopped).toBe(true);
    expect(replicators[1]?.started).toBe(true);
    await runner.stop();
    expect(replicators[1]?.stopped).toBe(true);
  });

  it('retries later when main cannot answer for another reason', async () => {
    const { api, runner, replicators, timers } = setup();
    api.endpointAnswer = { ok: false, error: { code: 'internal', message: 'bridge down' } };
    runner.start();
    await runner.settled();
    expect(runner.phase).toBe('idle');
    api.endpointAnswer = ok(testEndpoint);
    timers.advance(5_000);
    await runner.settled();
    expect(api.endpointCalls).toBe(2);
    expect(replicators).toHaveLength(1);
    await runner.stop();
  });

  it('stops cleanly: no listeners, no replication, even when stopped mid-start', async () => {
    const { api, runner, replicators } = setup();
    api.endpointAnswer = ok(testEndpoint);
    runner.start();
    const stopping = runner.stop();
    await stopping;
    expect(runner.phase).toBe('stopped');
    expect(api.listenerCount).toBe(0);
    expect(replicators.every((replicator) => !replicator.started || replicator.stopped)).toBe(true);
    api.emitKick('sync_now');
    api.emitStatus(configured());
    await runner.settled();
    expect(replicators.filter((replicator) => replicator.started && !replicator.stopped)).toHaveLength(0);
  });

  it('sends the state it stopped in as its last report', async () => {
    const { api, runner, replicators } = setup();
    api.endpointAnswer = ok(testEndpoint);
    runner.start();
    await runner.settled();
    replicators[0]?.emit({ state: 'syncing', pending: 3 });
    await runner.stop();
    expect(api.reports.at(-1)).toMatchObject({ state: 'syncing', pending: 3 });
  });

  it('with a hub set, replicates over /hub/ or /central/ by the probes main makes of each link (issue 15 §1)', async () => {
    const { api, runner, failovers, remotes } = setup();
    api.endpointAnswer = ok({ ...testEndpoint, hub: true });
    runner.start();
    await runner.settled();
    expect(failovers).toHaveLength(1);
    expect(remotes.map((remote) => remote.url).toSorted()).toEqual([
      'http://127.0.0.1:5555/central/clinic_10953',
      'http://127.0.0.1:5555/hub/clinic_10953',
    ]);
    expect(remotes.every((remote) => remote.headers['X-Edge-Proxy-Token'] === testEndpoint.token)).toBe(true);
    const links = failovers[0]?.links;
    if (links === undefined) throw new Error('no links');
    expect(await links()).toEqual({ hub: false, central: false });
    const up = { up: true, errorCode: null, at: '2026-12-06T08:00:00.000Z', rttMs: 3 };
    api.emitStatus({
      ...configured(),
      link: { ...up, up: false, errorCode: 'sync_offline' },
      hub: hubStatus('https://hub.local', up),
    });
    expect(await links()).toEqual({ hub: true, central: false });
    api.emitStatus({
      ...configured(),
      link: up,
      hub: hubStatus('https://hub.local', { ...up, up: false, errorCode: 'sync_timeout' }),
    });
    expect(await links()).toEqual({ hub: false, central: true });
    // Older history is read over the path replication runs over (the failover says the hub here).
    expect(runner.remote).toEqual({ url: 'http://127.0.0.1:5555/hub/clinic_10953' });
    await runner.stop();
  });
});
