/**
 * Builds the object the preload exposes as `window.edge`: invoke and on, for contract names only.
 * Listeners receive the payload alone, never Electron's event object; ipcRenderer itself is never exposed.
 * Takes a minimal ipcRenderer shape so tests can drive it without Electron.
 */
import {
  commandChannel,
  eventChannel,
  isCommandName,
  isEventName,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EdgeBridge,
  type EventName,
  type EventPayload,
} from '../contract/contract.std.js';
import { err, type Result } from '../contract/result.std.js';

export interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function createBridgeApi(ipcRenderer: IpcRendererLike): EdgeBridge {
  return {
    invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>> {
      if (!isCommandName(name)) return Promise.resolve(err('unknown_command', 'not a contract command'));
      return ipcRenderer.invoke(commandChannel(name), input) as Promise<Result<CommandOutput<N>>>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(name)) throw new TypeError('not a contract event');
      const channel = eventChannel(name);
      const forward = (_event: unknown, payload: unknown): void => listener(payload as EventPayload<E>);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };
}
