/**
 * What the IT dashboard shows of a station's two links when a hospital hub is set (issue 15 §1), pure: each
 * link as main's probes last found it, and which one replication runs over (the page reports it).
 */
import type { LinkProbe, SyncStatus } from '../../../electron/contract/sync.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';

export type LinkWord = 'up' | 'down' | 'unknown';

/**
 * Why the hub's link is down, in the hub's own words: the catalogue's texts for these codes name central, and on
 * the hub's line they told IT that central was slow while central's line said it was up.
 */
export type HubProblem = 'unreachable' | 'slow' | 'failing' | 'login' | 'certificate';

export function hubProblem(code: SyncErrorCode): HubProblem {
  switch (code) {
    case 'sync_timeout':
      return 'slow';
    case 'sync_server_down':
    case 'sync_server_error':
      return 'failing';
    case 'sync_wrong_password':
    case 'sync_forbidden':
    case 'sync_station_mismatch':
      return 'login';
    case 'sync_certificate':
    case 'sync_bad_ca_bundle':
      return 'certificate';
    default:
      return 'unreachable';
  }
}

export interface HubView {
  readonly url: string | null;
  readonly hub: LinkWord;
  readonly hubError: SyncErrorCode | null;
  readonly hubProblem: HubProblem | null;
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
  const hubError = hub?.link?.up === false ? hub.link.errorCode : null;
  return {
    url: hub?.url ?? null,
    hub: word(hub?.link),
    hubError,
    hubProblem: hub?.link?.up === false ? hubProblem(hubError ?? 'sync_offline') : null,
    central: word(status?.link),
    centralError: status?.link?.up === false ? status.link.errorCode : null,
    path: hub === null ? null : (status?.replication?.path ?? null),
  };
}
