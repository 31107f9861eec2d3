// The browser bridge for real: a WebSocket on 127.0.0.1 carrying the same contract as Electron IPC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type BridgeServer } from '../../../electron/bridge/bridgeServer.node.js';
import { tempEdgeNode } from '../../factories/edgeNode.js';

type Node = Awaited<ReturnType<typeof tempEdgeNode>>;
let node: Node;
let bridge: BridgeServer;

beforeEach(async () => {
  node = await tempEdgeNode();
  bridge = await startBridge({ dispatch: node.dispatch, events: node.events, log: node.log, staticDir: null });
});
afterEach(async () => {
  await bridge.close();
  await node.dispose();
});

interface Client {
  call(name: string, input: unknown): Promise<unknown>;
  nextEvent(): Promise<unknown>;
  close(): void;
}

function connect(url: string, origin?: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    let id = 0;
    const waiting = new Map<number, (value: unknown) => void>();
    const events: unknown[] = [];
    const eventWaiters: ((value: unknown) => void)[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (message.type === 'result' && message.id !== undefined) waiting.get(message.id)?.(message.result);
      else {
        const waiter = eventWaiters.shift();
        if (waiter === undefined) events.push(message);
        else waiter(message);
      }
    });
    ws.on('open', () =>
      resolve({
        call(name, input) {
          id += 1;
          const callId = id;
          return new Promise((done) => {
            waiting.set(callId, done);
            ws.send(JSON.stringify({ type: 'invoke', id: callId, name, input }));
          });
        },
        nextEvent() {
          const queued = events.shift();
          return queued === undefined ? new Promise((done) => eventWaiters.push(done)) : Promise.resolve(queued);
        },
        close: () => ws.close(),
      }),
    );
    ws.on('unexpected-response', (_request, response) => reject(new Error(`HTTP ${String(response.statusCode)}`)));
    ws.on('error', reject);
  });
}

describe('WebSocket bridge', () => {
  it('listens on loopback only and serves a command, a validation failure and an event', async () => {
    expect(new URL(bridge.origin).hostname).toBe('127.0.0.1');
    const client = await connect(`${bridge.wsUrl}?token=${bridge.token}`, bridge.origin);
    expect(await client.call('settings.get', {})).toMatchObject({ ok: true, value: { configured: false } });
    expect(await client.call('settings.setup', { hcode: '1234', stationName: 'OPD' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await client.call('settings.setup', { hcode: '10953', stationName: 'OPD' })).toMatchObject({ ok: true });
    expect(await client.nextEvent()).toMatchObject({
      type: 'event',
      name: 'settings.changed',
      payload: { hcode: '10953' },
    });
    expect(await client.call('no.such.command', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    client.close();
  });

  it('refuses a wrong or missing token', async () => {
    await expect(connect(`${bridge.wsUrl}?token=${'0'.repeat(bridge.token.length)}`)).rejects.toThrow(/401/);
    await expect(connect(bridge.wsUrl)).rejects.toThrow(/401/);
  });

  it('refuses a page from another origin even with the token', async () => {
    await expect(connect(`${bridge.wsUrl}?token=${bridge.token}`, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('refuses to bind anywhere but loopback', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org']) {
      await expect(
        startBridge({ dispatch: node.dispatch, events: node.events, log: node.log, staticDir: null, host }),
      ).rejects.toThrow(/loopback/);
    }
  });
});
