// Issue 13 §7: a visit's queue stage on its Encounter (waiting → called → screened → sent on / done / left),
// moved by the nurse station, merged deterministically when two stations moved it offline, valid FHIR R4.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import {
  QUEUE_STAGES,
  QueueMoveError,
  canMove,
  compareForScreening,
  nextToCall,
  queueHolder,
  queueStage,
  withQueueStage,
  type QueueStage,
} from '../../../../sync/model/queueStage.std.js';
import { resolveConflict, type Revision } from '../../../../sync/replication/conflictRules.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';

const T0 = Date.parse('2026-12-06T01:00:00.000Z');
const iso = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

function visit(n: number, prefix = 'A', minute = n) {
  return newVisit({
    encounterId: `e${prefix}${String(n)}`,
    patientId: `p${String(n)}`,
    hcode: '99999',
    stationId: 'st-99999-a',
    at: iso(minute),
    queueNumber: `${prefix}-${String(n).padStart(3, '0')}`,
  });
}

/** The stages on the way to `target` from waiting, each a legal move. */
const PATH: Readonly<Record<QueueStage, readonly QueueStage[]>> = {
  waiting: [],
  called: ['called'],
  screened: ['called', 'screened'],
  sent_on: ['called', 'screened', 'sent_on'],
  done: ['called', 'screened', 'done'],
  left: ['called', 'left'],
};

const ST = { id: 'st', name: 'st' };

function moved(target: QueueStage, at: number, stationId = 'st-99999-b') {
  let doc = visit(1);
  PATH[target].forEach((stage, index) => {
    doc = withQueueStage(doc, stage, iso(at + index), { id: stationId, name: 'จุดคัดกรอง 2' });
  });
  return doc;
}

describe('queue stage on the Encounter', () => {
  it('each stage reads back from the record it was written to, and the record stays valid FHIR R4', async () => {
    for (const stage of QUEUE_STAGES) {
      const doc = moved(stage, 10);
      expect(queueStage(doc)).toBe(stage);
      expect(await fhirIssues(doc)).toEqual([]);
    }
    expect(moved('called', 10).status).toBe('arrived');
    expect(moved('screened', 10).status).toBe('triaged');
    expect(moved('screened', 10).extension?.map((item) => item.url)).toEqual(['urn:clinic-edge:queue-station']);
    expect(queueHolder(moved('screened', 10))).toEqual({ id: 'st-99999-b', name: 'จุดคัดกรอง 2' });
    expect(queueHolder(visit(1))).toBeNull();
    expect(moved('done', 10).period.end).toBeDefined();
  });

  it('refuses a move back or out of a closed visit', () => {
    expect(() => withQueueStage(moved('screened', 10), 'called', iso(20), ST)).toThrow(QueueMoveError);
    expect(() => withQueueStage(moved('done', 10), 'screened', iso(20), ST)).toThrow(QueueMoveError);
    expect(canMove('waiting', 'screened')).toBe(true);
    expect(canMove('left', 'done')).toBe(false);
  });

  it('orders today\'s queue waiting first by queue number, and "call next" takes the first waiting', () => {
    const a3 = visit(3);
    const a1 = visit(1, 'A', 5);
    const b2 = visit(2, 'B');
    const a10 = visit(10);
    const called = withQueueStage(visit(4), 'called', iso(30), ST);
    const screened = withQueueStage(visit(5), 'screened', iso(30), ST);
    const sorted = [screened, a10, called, b2, a3, a1].sort(compareForScreening);
    expect(sorted.map((doc) => doc.id)).toEqual([a1.id, a3.id, a10.id, b2.id, called.id, screened.id]);
    expect(nextToCall([screened, a10, called, a3])?.id).toBe(a3.id);
    expect(nextToCall([screened, called])).toBeNull();
  });
});

describe('two stations move one visit offline', () => {
  // Each revision: a stage reached on some station at some time, under some CouchDB revision.
  const revision = fc.record({
    stage: fc.constantFrom(...QUEUE_STAGES),
    at: fc.integer({ min: 0, max: 600 }),
    gen: fc.integer({ min: 2, max: 6 }),
    hash: fc.stringMatching(/^[0-9a-f]{6}$/),
  });

  it('the merge is the revision furthest along the queue, whatever order the revisions come in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(revision, { minLength: 2, maxLength: 5, selector: (r) => `${String(r.gen)}-${r.hash}` }),
        fc.nat(),
        (inputs, seed) => {
          const revisions = inputs.map(
            (input) =>
              ({ ...moved(input.stage, input.at), _rev: `${String(input.gen)}-${input.hash}` }) as unknown as Revision,
          );
          const result = resolveConflict(revisions);
          if (result.kind !== 'resolved') throw new Error('unresolved');
          const furthest = Math.max(...inputs.map((input) => QUEUE_STAGES.indexOf(input.stage)));
          // done and left are both ends; left is later in the status order (cancelled after finished).
          expect(queueStage(result.merged as never)).toBe(QUEUE_STAGES[furthest]);
          const rotated = [
            ...revisions.slice(seed % revisions.length),
            ...revisions.slice(0, seed % revisions.length),
          ].reverse();
          expect(resolveConflict(rotated)).toEqual(result);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a called visit is not put back to waiting by a later edit of the waiting copy', () => {
    const called = { ...withQueueStage(visit(1), 'called', iso(10), { id: 'st-99999-b', name: 'b' }), _rev: '2-aaa' };
    const waitingEdited = { ...visit(1), meta: { ...visit(1).meta, lastUpdated: iso(50) }, _rev: '2-fff' };
    const result = resolveConflict([waitingEdited, called] as unknown as Revision[]);
    if (result.kind !== 'resolved') throw new Error('unresolved');
    expect(queueStage(result.merged as never)).toBe('called');
  });
});
