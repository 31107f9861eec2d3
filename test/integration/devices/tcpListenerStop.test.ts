/**
 * A listener stopped while it is still binding must not bind afterwards and hold the port: the station that
 * reopens (or IT reconfiguring a port) would then find the port taken by a listener nobody owns.
 */
import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TcpListener } from '../../../drivers/devices/ports/tcpListener.node.js';
import type { PortSink } from '../../../drivers/devices/ports/portEvents.node.js';
import { freeTcpPort } from './deviceNode.js';
import { DEFAULT_LISTENER_LIMITS } from '../../../drivers/devices/ports/sourcePolicy.std.js';

const loopbackOnly = { ...DEFAULT_LISTENER_LIMITS, allow: ['127.0.0.1'] };

function recordingSink(states: string[]): PortSink {
  return {
    status: (state) => {
      states.push(state);
    },
    data: () => undefined,
    ended: () => undefined,
  };
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('TcpListener.stop while binding', () => {
  it('leaves the port free, closed being the last state', async () => {
    const port = await freeTcpPort();
    for (let round = 0; round < 20; round += 1) {
      const states: string[] = [];
      const listener = new TcpListener(port, '127.0.0.1', recordingSink(states), loopbackOnly);
      listener.start();
      await listener.stop();
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await connects(port), `round ${String(round)}`).toBe(false);
      expect(states.at(-1)).toBe('closed');
    }
    const states: string[] = [];
    const next = new TcpListener(port, '127.0.0.1', recordingSink(states), loopbackOnly);
    next.start();
    for (let waited = 0; waited < 3_000 && !states.includes('listening'); waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(states).toContain('listening');
    expect(await connects(port)).toBe(true);
    await next.stop();
  });
});
