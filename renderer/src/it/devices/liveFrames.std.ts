/**
 * IT's live test view, pure: the device events as they arrive folded into a short list, newest first, each a
 * frame that was read (its values, and what it set aside) or refused (the reason, and the codes not understood),
 * and the statuses with the time of the last frame kept current between status events.
 */
import type {
  DeviceErrorEvent,
  InboxItem,
  PortStatus,
  ReadingValue,
  SkippedValue,
} from '../../../../electron/contract/devices.std.js';

export type LiveEntry =
  | {
      readonly kind: 'read';
      readonly key: string;
      readonly at: string;
      readonly port: string;
      readonly values: readonly ReadingValue[];
      readonly skipped: readonly SkippedValue[];
    }
  | {
      readonly kind: 'refused';
      readonly key: string;
      readonly at: string;
      readonly port: string;
      readonly code: string;
      readonly detail: string;
      readonly skipped: readonly SkippedValue[];
    };

export type DeviceEvent =
  | { readonly name: 'devices.reading'; readonly payload: InboxItem }
  | { readonly name: 'devices.error'; readonly payload: DeviceErrorEvent }
  | { readonly name: 'devices.status'; readonly payload: PortStatus };

export interface LiveState {
  readonly entries: readonly LiveEntry[];
  readonly statuses: readonly PortStatus[];
}

export const LIVE_LIMIT = 30;

function withEntry(state: LiveState, entry: LiveEntry): LiveState {
  return { ...state, entries: [entry, ...state.entries].slice(0, LIVE_LIMIT) };
}

function touch(statuses: readonly PortStatus[], port: string, at: string): readonly PortStatus[] {
  return statuses.map((status) =>
    status.port === port && (status.lastFrameAt === null || status.lastFrameAt < at)
      ? { ...status, lastFrameAt: at }
      : status,
  );
}

/**
 * One event into the state. A refused frame's set-aside values come on the status event main sends just
 * before its error (same port, same time), so a refusal shows which codes were not understood.
 */
export function foldDeviceEvent(state: LiveState, event: DeviceEvent): LiveState {
  switch (event.name) {
    case 'devices.status': {
      const known = state.statuses.some((status) => status.port === event.payload.port);
      const statuses = known
        ? state.statuses.map((status) => (status.port === event.payload.port ? event.payload : status))
        : [...state.statuses, event.payload];
      return { ...state, statuses };
    }
    case 'devices.reading': {
      const item = event.payload;
      const next = { ...state, statuses: touch(state.statuses, item.port, item.receivedAt) };
      if (item.reading === null) {
        return withEntry(next, {
          kind: 'refused',
          key: `r${item.id}`,
          at: item.receivedAt,
          port: item.port,
          code: item.errorCode ?? 'device_frame_malformed',
          detail: '',
          skipped: item.skipped,
        });
      }
      return withEntry(next, {
        kind: 'read',
        key: `r${item.id}`,
        at: item.receivedAt,
        port: item.port,
        values: item.reading.values,
        skipped: item.skipped,
      });
    }
    case 'devices.error': {
      const error = event.payload;
      const status = state.statuses.find((s) => s.port === error.port);
      const skipped =
        error.inboxId !== null && status?.lastNotTaken?.at === error.at ? status.lastNotTaken.skipped : [];
      const next = error.inboxId === null ? state : { ...state, statuses: touch(state.statuses, error.port, error.at) };
      const key = error.inboxId === null ? `e${error.port}${error.at}${error.code}` : `r${error.inboxId}`;
      return withEntry(next, {
        kind: 'refused',
        key,
        at: error.at,
        port: error.port,
        code: error.code,
        detail: error.detail,
        skipped,
      });
    }
  }
}
