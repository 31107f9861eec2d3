/**
 * Registers every contract command on Electron's ipcMain in one loop and forwards every bus event to the
 * window. Each call: check the sender frame is our own page, then hand the raw input to the shared
 * dispatcher (which parses it with zod and wraps the result). Written against a minimal ipcMain shape so
 * tests can drive it with a fake pair, without Electron's binary.
 */
import { commandChannel, commandNames, eventChannel } from '../contract/contract.std.js';
import { err, type Result } from '../contract/result.std.js';
import type { Dispatch } from '../services/dispatcher.node.js';
import type { EventBus } from '../services/eventBus.node.js';
import { isTrustedUrl } from '../security/trustedOrigin.std.js';

export interface SenderFrameLike {
  readonly url: string;
}
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}
export interface WebContentsLike {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  events: EventBus,
  trustedOrigins: readonly string[],
  target: () => WebContentsLike | null,
): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async function handleCommand(event, input) {
      if (!isTrustedUrl(event.senderFrame?.url, trustedOrigins)) {
        return err('forbidden_sender', 'IPC from an untrusted frame');
      }
      return dispatch(name, input);
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
  return function unregister() {
    unsubscribe();
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}
