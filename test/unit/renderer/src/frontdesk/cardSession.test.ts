import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cardSessionReducer,
  idleSession,
  photoSettled,
  type CardAction,
  type CardSession,
} from '../../../../../renderer/src/frontdesk/cardSession.std.js';
import type { CardText } from '../../../../../electron/contract/card.std.js';

function cardText(cid: string): CardText {
  const name = { prefix: 'นาย', first: 'ทดสอบ', middle: '', last: 'ระบบ' };
  return {
    cid,
    personType: Number(cid[0]),
    thaiName: name,
    englishName: { prefix: 'Mr.', first: 'Test', middle: '', last: 'System' },
    birthDate: '1990-01-01',
    sex: 'male',
    issuer: 'กรมการปกครอง',
    issueDate: '2020-01-01',
    expiryDate: '2029-01-01',
    address: {
      houseNo: '1',
      villageNo: null,
      lane: null,
      road: null,
      subdistrict: null,
      district: null,
      province: null,
      other: [],
      full: '1',
    },
    atr: '3B 79',
    requestNumber: null,
    warnings: [],
  };
}

const text = (readId: string, reader = 'R1', cid = '1101700230705'): CardAction => ({
  type: 'text',
  event: { readId, reader, card: cardText(cid) },
});
const photoDone = (readId: string, reader = 'R1'): CardAction => ({
  type: 'photo',
  event: {
    readId,
    reader,
    state: 'done',
    received: 10,
    total: 10,
    photo: { base64: 'AA==', bytes: 1, sha256: 'a'.repeat(64) },
    skipReason: null,
  },
});

function run(actions: readonly CardAction[]): CardSession {
  return actions.reduce(cardSessionReducer, idleSession);
}

describe('card session', () => {
  it('stays waiting when the read that was cut short by the removal reports it after the removal', () => {
    // The reader says the card is out, then the read it interrupted fails with card_removed: the card is out
    // either way, so the clerk sees the waiting hint, not an error about a card no longer there.
    const session = run([
      text('r1'),
      { type: 'removed', reader: 'R1' },
      { type: 'error', event: { reader: 'R1', readId: 'r1', code: 'card_removed', message: 'x' } },
    ]);
    expect(session).toEqual(idleSession);
  });

  it('fills on text, takes the photo of the same read, clears on removal', () => {
    const ready = run([text('r1'), photoDone('r1')]);
    expect(ready.phase).toBe('ready');
    expect(ready.photo.base64).toBe('AA==');
    expect(photoSettled(ready.photo)).toBe(true);
    expect(run([text('r1'), photoDone('r1'), { type: 'removed', reader: 'R1' }])).toEqual(idleSession);
  });

  it('never puts a previous read’s photo on the next patient', () => {
    const session = run([text('r1'), text('r2', 'R1', '3100600123458'), photoDone('r1')]);
    expect(session.card?.cid).toBe('3100600123458');
    expect(session.photo.base64).toBeNull();
    expect(photoSettled(session.photo)).toBe(false);
  });

  it('drops the form on a read error', () => {
    const session = run([
      text('r1'),
      { type: 'error', event: { reader: 'R1', readId: 'r1', code: 'card_removed', message: 'x' } },
    ]);
    expect(session).toMatchObject({ phase: 'error', card: null, errorCode: 'card_removed' });
  });

  it('ends with nothing of any patient on screen whenever the last event is a removal', () => {
    const readIds = fc.constantFrom('r1', 'r2', 'r3');
    const action: fc.Arbitrary<CardAction> = fc.oneof(
      readIds.map((id) => text(id)),
      readIds.map((id) => photoDone(id)),
      fc.constant<CardAction>({ type: 'clear' }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        const end = run([...actions, { type: 'removed', reader: 'R1' }]);
        expect(end.card).toBeNull();
        expect(end.photo.base64).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
