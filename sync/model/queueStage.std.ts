/**
 * A visit's place in the day's queue, kept on its FHIR Encounter so every station reads and changes it offline
 * and replication carries it: waiting → called for screening → screened → sent on / done / left.
 *
 * | stage    | Encounter.status | beside it                                  |
 * | waiting  | arrived          |                                            |
 * | called   | arrived          | extension QUEUE_CALLED_EXT (when, instant)  |
 * | screened | triaged          |                                            |
 * | sent_on  | in-progress      | (sent on to the examination room)          |
 * | done     | finished         | period.end                                 |
 * | left     | cancelled        | period.end (left before being seen through) |
 *
 * FHIR has no status between arrived and triaged, so "called" is arrived plus our extension. The stage order
 * follows ENCOUNTER_STATUS_ORDER, with called just above waiting: `queueRank` is what the conflict rule orders
 * Encounter revisions by, so two stations that moved one visit offline agree on the furthest stage.
 * Every move also names the station that made it (QUEUE_STATION_EXT, a complex extension: its id and the name
 * the nurses know it by), so a station whose call lost to another's can say which station holds the patient.
 */
import {
  ENCOUNTER_STATUS_ORDER,
  queueNumberOf,
  withEncounterStatus,
  type EncounterDoc,
  type EncounterStatus,
} from './encounter.std.js';
import type { Extension } from './fhir.std.js';

export const QUEUE_CALLED_EXT = 'urn:clinic-edge:queue-called';
/** The station that last moved the visit in the queue: `extension: [{url: 'id'}, {url: 'name'}]` (valueString each). */
export const QUEUE_STATION_EXT = 'urn:clinic-edge:queue-station';

/** A nurse station as a queue move names it: its station id, and its name as IT set it (else the id). */
export interface QueueStation {
  readonly id: string;
  readonly name: string;
}

export const QUEUE_STAGES = ['waiting', 'called', 'screened', 'sent_on', 'done', 'left'] as const;
export type QueueStage = (typeof QUEUE_STAGES)[number];

const STATUS_OF: Readonly<Record<QueueStage, EncounterStatus>> = {
  waiting: 'arrived',
  called: 'arrived',
  screened: 'triaged',
  sent_on: 'in-progress',
  done: 'finished',
  left: 'cancelled',
};

/** The stages the nurse may move a visit to from each stage; a finished or left visit is not reopened here. */
const NEXT: Readonly<Record<QueueStage, readonly QueueStage[]>> = {
  waiting: ['called', 'screened', 'left', 'done'],
  called: ['screened', 'left', 'done'],
  screened: ['sent_on', 'done', 'left'],
  sent_on: ['done', 'left'],
  done: [],
  left: [],
};

type StageFields = Pick<EncounterDoc, 'status' | 'extension'>;

/** When the visit was called for screening (still at called), else undefined. */
export function calledAt(encounter: Pick<EncounterDoc, 'extension'>): string | undefined {
  return encounter.extension?.find((item) => item.url === QUEUE_CALLED_EXT)?.valueInstant;
}

/** The station that last moved the visit in the queue (called, screened, …), or null when none did. */
export function queueHolder(encounter: Pick<EncounterDoc, 'extension'>): QueueStation | null {
  const parts = encounter.extension?.find((item) => item.url === QUEUE_STATION_EXT)?.extension ?? [];
  const id = parts.find((part) => part.url === 'id')?.valueString;
  if (id === undefined || id === '') return null;
  return { id, name: parts.find((part) => part.url === 'name')?.valueString ?? id };
}

function stationExtension(station: QueueStation, round: number): Extension {
  const parts: Extension[] = [
    { url: 'id', valueString: station.id },
    { url: 'name', valueString: station.name === '' ? station.id : station.name },
  ];
  return { url: QUEUE_STATION_EXT, extension: round === 0 ? parts : [...parts, { url: 'round', valueInteger: round }] };
}

/**
 * How many times the call was taken over by a nurse who saw the other station's call (0 for a first call): a
 * take-over is made knowing the call it replaces, so it must beat that call even when the two meet as conflicting
 * branches (another station's merge of the first clash is one), where "the earlier call wins" alone would undo it.
 */
export function callRound(revision: Readonly<Record<string, unknown>>): number {
  const extensions = Array.isArray(revision['extension']) ? (revision['extension'] as Extension[]) : [];
  const round = extensions
    .find((item) => item.url === QUEUE_STATION_EXT)
    ?.extension?.find((part) => part.url === 'round')?.valueInteger;
  return typeof round === 'number' && Number.isInteger(round) && round > 0 ? round : 0;
}

/** The stage of a visit; planned and entered-in-error visits are not in the queue (null). */
export function queueStage(encounter: StageFields): QueueStage | null {
  switch (encounter.status) {
    case 'arrived':
      return calledAt(encounter) === undefined ? 'waiting' : 'called';
    case 'triaged':
      return 'screened';
    case 'in-progress':
    case 'onleave':
      return 'sent_on';
    case 'finished':
      return 'done';
    case 'cancelled':
      return 'left';
    default:
      return null;
  }
}

/** Whether the visit still waits for or is at screening and the examination (not done, not left). */
export function isOpenStage(stage: QueueStage | null): stage is 'waiting' | 'called' | 'screened' | 'sent_on' {
  return stage !== null && stage !== 'done' && stage !== 'left';
}

export function canMove(from: QueueStage | null, to: QueueStage): boolean {
  return from !== null && NEXT[from].includes(to);
}

/**
 * The conflict rule's order of a revision: Encounter status first (ENCOUNTER_STATUS_ORDER), a called visit
 * above a waiting one. Revisions of equal rank are told apart by their change time (conflictRules.std.ts).
 */
export function queueRank(revision: Readonly<Record<string, unknown>>): number {
  const status = ENCOUNTER_STATUS_ORDER.indexOf(revision['status'] as EncounterStatus);
  const extensions = Array.isArray(revision['extension']) ? (revision['extension'] as Extension[]) : [];
  const called = revision['status'] === 'arrived' && extensions.some((item) => item.url === QUEUE_CALLED_EXT) ? 1 : 0;
  return status * 2 + called;
}

export class QueueMoveError extends Error {
  readonly from: QueueStage | null;
  readonly to: QueueStage;
  constructor(from: QueueStage | null, to: QueueStage) {
    super(`queue: a visit ${from ?? 'not in the queue'} cannot become ${to}`);
    this.from = from;
    this.to = to;
  }
}

/**
 * The visit moved to `stage` by `station` (a new revision of the same document). Throws QueueMoveError for a move
 * back. `retake` lets a station call a visit another station called (the nurse saw the patient is at hers).
 */
export function withQueueStage(
  encounter: EncounterDoc,
  stage: QueueStage,
  at: string,
  station: QueueStation,
  retake = false,
): EncounterDoc {
  const from = queueStage(encounter);
  const retaking = retake && from === 'called' && stage === 'called' && queueHolder(encounter)?.id !== station.id;
  if (!canMove(from, stage) && !retaking) throw new QueueMoveError(from, stage);
  const moved = withEncounterStatus(encounter, STATUS_OF[stage], at, station.id);
  const others = (encounter.extension ?? []).filter(
    (item) => item.url !== QUEUE_CALLED_EXT && item.url !== QUEUE_STATION_EXT,
  );
  const called = stage === 'called' ? [{ url: QUEUE_CALLED_EXT, valueInstant: at }] : [];
  const round = retaking ? callRound(encounter) + 1 : stage === 'called' ? 0 : callRound(encounter);
  return { ...moved, extension: [...others, ...called, stationExtension(station, round)] };
}

/**
 * The order the screening nurse reads today's queue in: waiting first, then called, screened, sent on, done,
 * left; within a stage by queue number (prefix, then number), then arrival time.
 */
export function compareForScreening(a: EncounterDoc, b: EncounterDoc): number {
  const stage = (encounter: EncounterDoc): number => {
    const found = queueStage(encounter);
    return found === null ? QUEUE_STAGES.length : QUEUE_STAGES.indexOf(found);
  };
  const byStage = stage(a) - stage(b);
  if (byStage !== 0) return byStage;
  const byNumber = compareQueueNumbers(queueNumberOf(a), queueNumberOf(b));
  if (byNumber !== 0) return byNumber;
  return (a.period.start ?? '').localeCompare(b.period.start ?? '');
}

function compareQueueNumbers(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const [prefixA = '', numberA = '0'] = a.split('-');
  const [prefixB = '', numberB = '0'] = b.split('-');
  if (prefixA !== prefixB) return prefixA < prefixB ? -1 : 1;
  return Number(numberA) - Number(numberB);
}

/** The visits "call next" may take, in the order it tries them: the waiting ones in screening order. */
export function callCandidates(visits: readonly EncounterDoc[]): EncounterDoc[] {
  return [...visits].filter((visit) => queueStage(visit) === 'waiting').sort(compareForScreening);
}

/** The visit "call next" takes: the first waiting one in screening order, or null. */
export function nextToCall(visits: readonly EncounterDoc[]): EncounterDoc | null {
  return callCandidates(visits)[0] ?? null;
}
