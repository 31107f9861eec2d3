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
 */
import { ENCOUNTER_STATUS_ORDER, queueNumberOf, withEncounterStatus, type EncounterDoc, type EncounterStatus } from './encounter.std.js';
import type { Extension } from './fhir.std.js';

export const QUEUE_CALLED_EXT = 'urn:clinic-edge:queue-called';

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

function calledAt(encounter: StageFields): string | undefined {
  return encounter.extension?.find((item) => item.url === QUEUE_CALLED_EXT)?.valueInstant;
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

/** The visit moved to `stage` (a new revision of the same document). Throws QueueMoveError for a move back. */
export function withQueueStage(encounter: EncounterDoc, stage: QueueStage, at: string, stationId: string): EncounterDoc {
  const from = queueStage(encounter);
  if (!canMove(from, stage)) throw new QueueMoveError(from, stage);
  const moved = withEncounterStatus(encounter, STATUS_OF[stage], at, stationId);
  const others = (encounter.extension ?? []).filter((item) => item.url !== QUEUE_CALLED_EXT);
  const extension = stage === 'called' ? [...others, { url: QUEUE_CALLED_EXT, valueInstant: at }] : others;
  const { extension: _dropped, ...rest } = moved;
  return extension.length === 0 ? rest : { ...rest, extension };
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

/** The visit "call next" takes: the first waiting one in screening order, or null. */
export function nextToCall(visits: readonly EncounterDoc[]): EncounterDoc | null {
  return [...visits].filter((visit) => queueStage(visit) === 'waiting').sort(compareForScreening)[0] ?? null;
}
