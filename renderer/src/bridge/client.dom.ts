/**
 * The one place the renderer reaches the main process. Uses the preload's `window.edge` inside Electron,
 * else the WebSocket bridge whose token arrives in the page URL's fragment (never sent to a server log).
 * Every result and event payload is parsed again with the contract's zod schemas (zod at every boundary).
 */
import {
  commands,
  events,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EdgeBridge,
  type EventName,
  type EventPayload,
} from '../../../electron/contract/contract.std.js';
import { EdgeError, err, type Result } from '../../../electron/contract/result.std.js';
import { createWsBridge } from './wsBridge.dom.js';

export type Transport = 'electron' | 'websocket';

function pickBridge(): {
  bridge: EdgeBridge;
  transport: Transport;
  onConnection: (listener: (up: boolean) => void) => () => void;
} {
  if (window.edge !== undefined)
    return { bridge: window.edge, transport: 'electron', onConnection: () => () => undefined };
  const token =
    new URLSearchParams(window.location.hash.slice(1)).get('token') ?? sessionStorage.getItem('edge.token') ?? '';
  // Keep the token across reloads of this tab, and take it out of the address bar.
  sessionStorage.setItem('edge.token', token);
  if (window.location.hash !== '') history.replaceState(null, '', window.location.pathname + window.location.search);
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/bridge`;
  const ws = createWsBridge(wsUrl, token);
  return { bridge: ws, transport: 'websocket', onConnection: (listener) => ws.onConnection(listener) };
}

const picked = pickBridge();
export const transport: Transport = picked.transport;
export const onBridgeConnection = picked.onConnection;

export async function invoke<N extends CommandName>(
  name: N,
  input: CommandInput<N>,
): Promise<Result<CommandOutput<N>>> {
  const result = await picked.bridge.invoke(name, input);
  if (!result.ok) return result;
  const parsed = commands[name].output.safeParse(result.value);
  if (!parsed.success) return err('internal', `malformed ${name} result`);
  return { ok: true, value: parsed.data as CommandOutput<N> };
}

/** `invoke` for callers that handle a failure as a thrown EdgeError carrying the contract's error code. */
export async function invokeOrThrow<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> {
  const result = await invoke(name, input);
  if (!result.ok) throw new EdgeError(result.error.code, result.error.message);
  return result.value;
}

export function on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  return picked.bridge.on(name, (payload) => {
    const parsed = events[name].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}
