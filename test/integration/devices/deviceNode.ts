// An edge node for device tests: loopback TCP, no card stack, optional fake HID; plus event waiting helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import {
  createEdgeNode,
  type EdgeNode,
  type EdgeNodeOptions,
} from '../../../electron/services/compositionRoot.node.js';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayload,
} from '../../../electron/contract/contract.std.js';
import type { EventBus } from '../../../electron/services/eventBus.node.js';
import { staffed } from '../../factories/staff.js';

export type DeviceTestNode = EdgeNode & { reopen(): Promise<DeviceTestNode>; dispose(): Promise<void> };

export async function deviceNode(
  devices: EdgeNodeOptions['devices'] = {},
  dataDir = mkdtempSync(join(tmpdir(), 'edge-dev-')),
): Promise<DeviceTestNode> {
  const node = staffed(
    await createEdgeNode({ dataDir, devices: { tcpHost: '127.0.0.1', ...devices }, card: { backend: 'off' } }),
  );
  return Object.assign(node, {
    async reopen() {
      await node.close();
      return deviceNode(devices, dataDir);
    },
    async dispose() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Resolves with the first event of that name matching `when`, or rejects after `timeoutMs`. */
export function nextEvent<E extends EventName>(
  bus: EventBus,
  name: E,
  when: (payload: EventPayload<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${name} event within ${String(timeoutMs)} ms`));
    }, timeoutMs);
    const stop = bus.subscribe((event, payload) => {
      if ((event as EventName) !== name) return;
      const typed = payload as unknown as EventPayload<E>;
      if (!when(typed)) return;
      clearTimeout(timer);
      stop();
      resolve(typed);
    });
  });
}

/** Collects every event of a name until stopped. */
export function collect<E extends EventName>(bus: EventBus, name: E): { items: EventPayload<E>[]; stop: () => void } {
  const items: EventPayload<E>[] = [];
  const stop = bus.subscribe((event, payload) => {
    if ((event as EventName) === name) items.push(payload as unknown as EventPayload<E>);
  });
  return { items, stop };
}

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Lets loopback (127.0.0.1) feed a TCP port, then configures it: a listener with no allow-list takes no one. */
export async function configureLoopbackListener(
  node: EdgeNode,
  port: number,
  profile: 'hl7-mllp' | 'hl7-raw-tcp',
  allow: readonly string[] = ['127.0.0.1'],
): Promise<void> {
  await call(node, 'devices.listener', { port: `tcp:${String(port)}`, allow: [...allow] });
  await call(node, 'devices.configure', { port: `tcp:${String(port)}`, profile, enabled: true });
}

/** Dispatches a command and returns its typed value, or throws with the error code. */
export async function call<N extends CommandName>(
  node: EdgeNode,
  name: N,
  input: CommandInput<N>,
): Promise<CommandOutput<N>> {
  const result = await node.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as CommandOutput<N>;
}
