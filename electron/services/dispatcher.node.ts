/**
 * One typed handler map, one dispatch function: both transports call `dispatch(name, rawInput)` and get a
 * Result back. Input is parsed with the command's zod schema here, because this is the trust boundary.
 */
import {
  commands,
  isCommandName,
  type CommandName,
  type CommandOutput,
  type ParsedInput,
} from '../contract/contract.std.js';
import { err, isEdgeError, ok, type Result } from '../contract/result.std.js';
import type { Logger } from './logging/logger.node.js';
import type { AccessDenial } from '../contract/access.std.js';
import { isStorageFull } from '../../sync/store/storageFull.std.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

export type Handlers = {
  readonly [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> | CommandOutput<N>;
};

export type Dispatch = (name: unknown, rawInput: unknown) => Promise<Result<unknown>>;

/** `denied`: why the staff member on duty may not run this command now (access.std.ts), checked before parsing. */
export function createDispatcher(
  handlers: Handlers,
  log: Logger,
  denied: (name: CommandName) => AccessDenial | undefined = () => undefined,
): Dispatch {
  return async function dispatch(name, rawInput) {
    if (!isCommandName(name)) return err('unknown_command', `unknown command ${String(name).slice(0, 80)}`);
    const refusal = denied(name);
    if (refusal !== undefined) return err(refusal, `${name}: ${refusal}`);
    const parsed = commands[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
        .join('; ');
      return err('invalid_input', issues);
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown> | unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (isEdgeError(error)) return err(error.code, error.message);
      const full = isStorageFull(error);
      log.error({ command: name, err: errorMessage(error) }, full ? 'storage full' : 'command failed');
      return full ? err('storage_full', `${name}: storage full`) : err('internal', `${name} failed`);
    }
  };
}
