/**
 * What the IT dashboard shows of a station's two links when a hospital hub is set (issue 15 §1), pure: each
 * link as main's probes last found it, and which one replication runs over (the page reports it).
 */
import type { LinkProbe, SyncStatus } from '../../../electron/contract/sync.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';

export type LinkWord = 'up' | 'down' | 'unknown';

export interface HubView {
  readonly url: string | null;
  readonly hub: LinkWord;
  readonly hubError: SyncErrorCode | null;
  readonly central: LinkWord;
  readonly centralError: SyncErrorCode | null;
  /** The link replication runs over; null before the page reported one (or with no hub). */
  readonly path: 'hub' | 'central' | null;
}

function word(link: LinkProbe | null | undefined): LinkWord {
  return link == null ? 'unknown' : link.up ? 'up' : 'down';
}

export function hubView(status: SyncStatus | null): HubView {
  const hub = status?.hub ?? null;
  return {
    url: hub?.url ?? null,
    hub: word(hub?.link),
    hubError: hub?.link?.up === false ? hub.link.errorCode : null,
    central: word(status?.link),
    centralError: status?.link?.up === false ? status.link.errorCode : null,
    path: hub === null ? null : (status?.replication?.path ?? null),
  };
}
