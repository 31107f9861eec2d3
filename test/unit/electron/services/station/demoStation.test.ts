// A station is demo only when it was set up as one: through the real dispatcher, a real station refuses the
// virtual card and the simulated devices; a station set up as demo gets both, one reading per request and
// never a stream, marks its audit entries, and keeps its mode across restarts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEdgeNode,
  type EdgeNode,
  type EdgeNodeOptions,
} from '../../../../../electron/services/compositionRoot.node.js';
import { InProcessBackend } from '../../../../../drivers/card/virtual/inProcessBackend.node.js';
import { nextEvent } from '../../../../integration/devices/deviceNode.js';
import type { AuditEntry, StationSettings } from '../../../../../electron/contract/settings.std.js';
import type { InboxItem } from '../../../../../electron/contract/devices.std.js';
import type { CardStatus } from '../../../../../electron/contract/card.std.js';
import { staffed } from '../../../../factories/staff.js';

const open: { node: EdgeNode; dir: string }[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const { node, dir } of open.splice(0)) {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function station(
  options: Partial<EdgeNodeOptions> = {},
  dir = mkdtempSync(join(tmpdir(), 'edge-mode-')),
): Promise<EdgeNode> {
  // A given virtual card stack: the test is then about the station's mode, not about what hardware is present.
  const node = staffed(
    await createEdgeNode({
      dataDir: dir,
      offerDemo: false,
      card: { backend: new InProcessBackend() },
      devices: { tcpHost: '127.0.0.1' },
      ...options,
    }),
  );
  open.push({ node, dir });
  return node;
}

async function value<T>(node: EdgeNode, name: string, input: unknown): Promise<T> {
  const result = await node.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
  return result.value as T;
}

async function errorCode(node: EdgeNode, name: string, input: unknown): Promise<string> {
  const result = await node.dispatch(name, input);
  return result.ok ? 'ok' : result.error.code;
}

describe('a real station (the default)', () => {
  it('is real before and after setup, and refuses the virtual card and the simulated devices', async () => {
    const node = await station();
    expect((await value<StationSettings>(node, 'settings.get', {})).mode).toBe('real');
    expect((await value<StationSettings>(node, 'settings.setup', { hcode: '10953', stationName: 'OPD 1' })).mode).toBe(
      'real',
    );
    expect(await errorCode(node, 'devices.simulate', {})).toBe('device_demo_only');
    expect(await errorCode(node, 'card.demoInsert', { identity: 0 })).toBe('card_demo_only');
    expect(await errorCode(node, 'card.demoRemove', {})).toBe('card_demo_only');
    expect(await value<InboxItem[]>(node, 'devices.pending', { includeOtherPatients: true })).toEqual([]);
    expect((await value<AuditEntry[]>(node, 'audit.recent', { limit: 10 })).every((entry) => !entry.demo)).toBe(true);
  });

  it('EDGE_DEMO=1 only preselects demo at setup: nothing simulates until the station is set up as demo', async () => {
    const node = await station({ offerDemo: true });
    expect((await value<StationSettings>(node, 'settings.get', {})).mode).toBe('demo');
    expect(await errorCode(node, 'devices.simulate', {})).toBe('device_demo_only');
    // A setup that does not choose demo makes a real station.
    expect((await value<StationSettings>(node, 'settings.setup', { hcode: '10953', stationName: 'OPD 1' })).mode).toBe(
      'real',
    );
    expect(await errorCode(node, 'devices.simulate', {})).toBe('device_demo_only');
  });

  it('can never be turned into a demo station (its records carry no demo tag)', async () => {
    const node = await station();
    await value(node, 'settings.setup', { hcode: '10953', stationName: 'OPD 1' });
    expect(await errorCode(node, 'settings.setup', { hcode: '10953', stationName: 'OPD 1', mode: 'demo' })).toBe(
      'station_mode_fixed',
    );
    expect(node.settings.mode()).toBe('real');
  });
});

describe('a station set up as demo', () => {
  it('has its training accounts before the page learns setup is done (the sign-in screen shows at once)', async () => {
    const node = await station();
    const seen: number[] = [];
    const stop = node.events.subscribe((name) => {
      if (name === 'settings.changed') seen.push(node.staffDirectory.count());
    });
    await value(node, 'settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'demo' });
    stop();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((count) => count === 3)).toBe(true);
  });

  it('sends exactly one reading when asked, from the device asked, and never on its own', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const node = await station();
    await value(node, 'settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'demo' });
    const reading = nextEvent(node.events, 'devices.reading');
    expect(await value(node, 'devices.simulate', { profile: 'omron-hbp9030' })).toEqual({ sent: 1 });
    expect((await reading).profile).toBe('omron-hbp9030');
    // Ten minutes of interval timers: a stream would have sent more.
    vi.advanceTimersByTime(10 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pending = await value<InboxItem[]>(node, 'devices.pending', { includeOtherPatients: true });
    expect(pending.map((item) => item.profile)).toEqual(['omron-hbp9030']);
    expect(await errorCode(node, 'devices.simulate', { profile: 'tanita-sc240' })).toBe('invalid_input');
  });

  it('inserts and removes the virtual card, marks its audit entries, and stays demo after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-mode-'));
    const first = staffed(
      await createEdgeNode({ dataDir: dir, offerDemo: false, card: { backend: new InProcessBackend() } }),
    );
    try {
      expect(
        (await value<StationSettings>(first, 'settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'demo' }))
          .mode,
      ).toBe('demo');
      const text = nextEvent(first.events, 'card.text');
      expect((await value<CardStatus>(first, 'card.demoInsert', { identity: 0 })).readers[0]?.present).toBe(true);
      await text;
      expect((await value<CardStatus>(first, 'card.demoRemove', {})).readers[0]?.present).toBe(false);
      const audit = await value<AuditEntry[]>(first, 'audit.recent', { limit: 10 });
      expect(audit.map((entry) => [entry.action, entry.demo])).toEqual(
        expect.arrayContaining([
          ['station.setup', true],
          ['card.read', true],
        ]),
      );
      expect(audit.every((entry) => entry.demo)).toBe(true);
    } finally {
      await first.close();
    }
    const again = await station({}, dir);
    expect(again.settings.mode()).toBe('demo');
    expect(await errorCode(again, 'settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'real' })).toBe(
      'station_mode_fixed',
    );
    expect(await value(again, 'devices.simulate', { profile: 'gtech-gl310' })).toEqual({ sent: 1 });
  });
});
