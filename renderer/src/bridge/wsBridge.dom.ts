/**
 * The contract over the loopback WebSocket (npm run dev:browser). Same EdgeBridge shape as the preload,
 * so nothing above this file knows which transport it is on. Reconnects when the socket drops; calls
 * made while disconnected fail fast with `disconnected` rather than hanging.
 */
import type { CommandName, EdgeBridge, EventName } from '../../../electron/contract/contract.std.js';
import { err, type Result } from '../../../electron/contract/result.std.js';
import { ServerMessage } from '../../../electron/contract/wire.std.js';

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface WsBridge extends EdgeBridge {
  onConnection(listener: (connected: boolean) => void): () => void;
  close(): void;
}

export function createWsBridge(wsUrl: string, token: string, timeoutMs = 30_000): WsBridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let closed = false;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let ready: Promise<void> = connect();

  function connect(): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
      socket = ws;
      ws.onopen = () => {
        retryMs = 250;
        for (const listener of connectionListeners) listener(true);
        resolve();
      };
      ws.onmessage = (message) => receive(String(message.data));
      ws.onclose = () => {
        for (const [id, call] of pending) {
          clearTimeout(call.timer);
          call.resolve(err('disconnected', 'bridge connection closed'));
          pending.delete(id);
        }
        for (const listener of connectionListeners) listener(false);
        resolve();
        if (!closed) {
          setTimeout(() => {
            ready = connect();
          }, retryMs);
          retryMs = Math.min(retryMs * 2, 5_000);
        }
      };
    });
  }

  function receive(text: string): void {
    const parsed = ServerMessage.safeParse(JSON.parse(text));
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'result') {
      const call = pending.get(message.id);
      if (call === undefined) return;
      pending.delete(message.id);
      clearTimeout(call.timer);
      call.resolve(message.result as Result<unknown>);
    } else {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  }

  return {
    async invoke(name: CommandName, input: unknown) {
      await ready;
      const ws = socket;
      if (ws === null || ws.readyState !== WebSocket.OPEN) return err('disconnected', 'bridge not connected');
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(err('timeout', `${name} timed out`));
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
    },
    on(name: EventName, listener: (payload: never) => void) {
      const set = listeners.get(name) ?? new Set();
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      listeners.set(name, set);
      return () => {
        set.delete(wrapped);
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
    },
  } as WsBridge;
}
