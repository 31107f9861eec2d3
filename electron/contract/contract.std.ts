/**
 * THE contract: every command (renderer → main) and event (main → renderer). Both transports — Electron
 * IPC and the loopback WebSocket bridge — carry exactly these names, validated by these schemas.
 * A feature adds its own file (settings.std.ts, card.std.ts, …) and spreads it in here.
 */
import type { z } from 'zod';
import type { Result } from './result.std.js';
import type { CommandSpec } from './define.std.js';
import { settingsCommands, settingsEvents } from './settings.std.js';
import { linkEvents } from './link.std.js';
import { cardCommands, cardEvents } from './card.std.js';
import { devicesCommands, devicesEvents } from './devices.std.js';
import { identityCommands, identityEvents } from './identity.std.js';
import { staffCommands, staffEvents } from './staff.std.js';
import { syncCommands, syncEvents } from './sync.std.js';
import { printerCommands } from './printer.std.js';
import { nhsoCommands, nhsoEvents } from './nhso.std.js';
import { visitCommands } from './visit.std.js';

export const commands = {
  ...settingsCommands,
  ...cardCommands,
  ...devicesCommands,
  ...identityCommands,
  ...staffCommands,
  ...syncCommands,
  ...printerCommands,
  ...nhsoCommands,
  ...visitCommands,
} as const satisfies Record<string, CommandSpec>;

export const events = {
  ...settingsEvents,
  ...identityEvents,
  ...cardEvents,
  ...linkEvents,
  ...devicesEvents,
  ...staffEvents,
  ...syncEvents,
  ...nhsoEvents,
} as const satisfies Record<string, z.ZodType>;

export type Commands = typeof commands;
export type Events = typeof events;
export type CommandName = keyof Commands;
export type EventName = keyof Events;

/** What the caller passes (before zod defaults/transforms). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const commandNames = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** What the preload puts on `window.edge`, and what the WebSocket client implements too. */
export interface EdgeBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names: one prefix per direction so a command can never be mistaken for an event. */
export function commandChannel(name: CommandName): string {
  return `edge:cmd:${name}`;
}
export function eventChannel(name: EventName): string {
  return `edge:evt:${name}`;
}
