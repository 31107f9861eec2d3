// Electron IPC without Electron: a fake ipcMain/ipcRenderer pair carries exactly what Electron would
// (channel, sender frame, payload), so the real registerIpc and the real preload API are exercised.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  registerIpc,
  type IpcMainLike,
  type InvokeEventLike,
  type WebContentsLike,
} from '../../../../electron/main/ipcBridge.main.js';
import { createBridgeApi, type IpcRendererLike } from '../../../../electron/preload/bridgeApi.preload.js';
import type { Result } from '../../../../electron/contract/result.std.js';
import { tempEdgeNode } from '../../../factories/edgeNode.js';

type Listener = (event: unknown, payload: unknown) => void;

function fakeElectronPair(frameUrl: string) {
  const handlers = new Map<string, (event: InvokeEventLike, input: unknown) => Promise<Result<unknown>>>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const webContents: WebContentsLike = {
    send: (channel, payload) => {
      // Electron structured-clones payloads between processes.
      for (const listener of rendererListeners.get(channel) ?? [])
        listener({ sender: 'raw-event' }, structuredClone(payload));
    },
    isDestroyed: () => false,
  };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, input) => {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: frameUrl } }, structuredClone(input)));
    },
    on: (channel, listener) => {
      const set = rendererListeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel, listener) => void rendererListeners.get(channel)?.delete(listener),
  };
  return { ipcMain, ipcRenderer, webContents, handlers };
}

type Node = Awaited<ReturnType<typeof tempEdgeNode>>;
let node: Node;
beforeEach(async () => {
  node = await tempEdgeNode();
});
afterEach(async () => {
  await node.dispose();
});

describe('Electron IPC transport', () => {
  it('round-trips a command, a validation failure and an event', async () => {
    const pair = fakeElectronPair('app://edge/index.html');
    registerIpc(pair.ipcMain, node.dispatch, node.events, ['app://edge'], () => pair.webContents);
    const api = createBridgeApi(pair.ipcRenderer);

    const got = await api.invoke('settings.get', {});
    expect(got).toMatchObject({ ok: true, value: { configured: false } });

    const bad = await api.invoke('settings.setup', { hcode: 'abcde', stationName: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const payloads: unknown[] = [];
    const off = api.on('settings.changed', (payload) => payloads.push(payload));
    await api.invoke('settings.setup', { hcode: '10953', stationName: 'OPD' });
    off();
    await api.invoke('settings.setLanguage', { language: 'en' });
    // The listener got the payload alone (never Electron's event object), and nothing after unsubscribe.
    expect(payloads).toEqual([expect.objectContaining({ hcode: '10953', configured: true })]);
  });

  it('refuses calls from a frame that is not the app', async () => {
    for (const url of ['https://evil.example/', 'app://edge.evil/index.html', 'file:///tmp/x.html', '']) {
      const pair = fakeElectronPair(url);
      const unregister = registerIpc(pair.ipcMain, node.dispatch, node.events, ['app://edge'], () => pair.webContents);
      const api = createBridgeApi(pair.ipcRenderer);
      expect(await api.invoke('settings.get', {}), url).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
      unregister();
    }
  });

  it('exposes only contract names', async () => {
    const pair = fakeElectronPair('app://edge/index.html');
    registerIpc(pair.ipcMain, node.dispatch, node.events, ['app://edge'], () => pair.webContents);
    const api = createBridgeApi(pair.ipcRenderer);
    const loose = api as unknown as {
      invoke(name: string, input: unknown): Promise<unknown>;
      on(name: string, cb: () => void): unknown;
    };
    expect(await loose.invoke('shell.openExternal', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    expect(() => loose.on('ipc.raw', () => undefined)).toThrow(TypeError);
    expect([...pair.handlers.keys()].every((channel) => channel.startsWith('edge:cmd:'))).toBe(true);
  });
});
