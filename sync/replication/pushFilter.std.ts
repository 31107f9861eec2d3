/**
 * What a station pushes: the records it wrote (its merges of a conflict included, which name it as author) and
 * deletions, never a design document. Central (and a hub) accepts nothing else from a station: a record of
 * another station reaches them from its author or the hub's relay. Without this, a station that got another
 * station's record over the hub and then replicated with central directly (LAN down, GIN up) sent it there
 * and had it refused and listed for IT, though nothing was wrong.
 */
import { stationSource } from '../model/systems.std.js';

export interface PushCandidate {
  readonly _id: string;
  readonly _deleted?: boolean;
  readonly meta?: { readonly source?: unknown };
}

export function pushFilterFor(stationId: string): (doc: PushCandidate) => boolean {
  const source = stationSource(stationId);
  return (doc) => !doc._id.startsWith('_design/') && (doc._deleted === true || doc.meta?.source === source);
}
