/**
 * Which link a station configured with a hospital hub replicates over (issue 15 §1), pure. The hub on the LAN
 * whenever it answers: it relays to central, and the stations of the hospital meet there while GIN is down.
 * Central directly when only central answers. When neither answers the station stays where it is (its
 * replication retries there) rather than switching back and forth.
 */
export type SyncPath = 'hub' | 'central';

export interface PathLinks {
  readonly hub: boolean;
  readonly central: boolean;
}

export function choosePath(current: SyncPath | null, links: PathLinks): SyncPath {
  if (links.hub) return 'hub';
  if (links.central) return 'central';
  return current ?? 'hub';
}
