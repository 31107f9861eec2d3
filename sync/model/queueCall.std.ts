/**
 * Who has a called visit, as a nurse station reads it after sync. Two stations offline can both call the same
 * waiting patient; when their revisions meet the conflict rule keeps the earlier call (conflictRules.std.ts).
 * The station that lost still has the patient on screen and its devices bound: it must not switch to someone
 * else silently, nor go on charting as if the visit were its own. `callClash` tells it which station holds the
 * visit now, so the nurse checks who is in front of her and chooses: the patient is here (she calls the visit
 * to her station again, and the other station is told in turn) or not (she lets it go).
 */
import type { EncounterDoc } from './encounter.std.js';
import { calledAt, queueHolder, queueStage, type QueueStage, type QueueStation } from './queueStage.std.js';

export type CallClash = {
  readonly by: QueueStation;
  readonly stage: QueueStage;
  /** When that station called the visit (still called), else when it last moved it. */
  readonly at: string | undefined;
};

/**
 * The clash between this station and the visit it is screening, as the store has the visit now: null while
 * this station holds it (or no station moved it yet: a visit a card read here picked up while waiting).
 */
export function callClash(
  current: Pick<EncounterDoc, 'status' | 'extension' | 'meta'>,
  stationId: string,
): CallClash | null {
  const holder = queueHolder(current);
  const stage = queueStage(current);
  if (holder === null || stage === null || holder.id === stationId) return null;
  return { by: holder, stage, at: stage === 'called' ? calledAt(current) : current.meta.lastUpdated };
}

/** A clash the nurse already answered for this very revision of the visit (she said the patient is here). */
export function clashKey(clash: CallClash, encounterId: string): string {
  return `${encounterId}|${clash.by.id}|${clash.stage}|${clash.at ?? ''}`;
}

/**
 * What a fresh read of a "call next" candidate says: take it (still waiting), or skip it (another station, or
 * another window here, called or moved it since the queue on screen was drawn).
 */
export function stillWaiting(fresh: Pick<EncounterDoc, 'status' | 'extension'> | null): boolean {
  return fresh !== null && queueStage(fresh) === 'waiting';
}
