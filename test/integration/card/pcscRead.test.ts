// The card read through the real PC/SC stack: pcscd + vpcd (started once by globalSetup) + our virtual chip.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { CardReader } from '../../../drivers/card/cardReader.node.js';
import type { VirtualCard } from './cardProcess.js';
import { virtualAtrNames } from '../../../drivers/card/virtual/atrs.std.js';
import type { EventRecorder } from './recorder.js';
import { VPCD_READERS } from './pcscdFixture.js';
import { pcscReader, vpcdCard } from './virtualCards.js';
import { identity, withWrongCheckDigit } from '../../factories/cardIdentities.js';

let reader: CardReader;
let recorder: EventRecorder;
const cards: VirtualCard[] = [];

beforeEach(async () => {
  ({ reader, recorder } = await pcscReader());
});

afterEach(async () => {
  // Wait until pcscd has seen every card go (it polls every ~400 ms): the next test must start with empty readers.
  const since = recorder.mark;
  for (const card of cards.splice(0)) await card.remove();
  if (reader.status().readers.some((r) => r.present)) {
    await recorder.waitFor('card.status', (status) => status.readers.every((r) => !r.present), { since });
  }
  await reader.stop();
});

async function insert(card: VirtualCard): Promise<number> {
  const mark = recorder.mark;
  cards.push(card);
  await card.insert();
  return mark;
}

describe('Thai ID card through pcscd + vpcd', () => {
  it('lists both virtual readers with the service up', () => {
    const status = reader.status();
    expect(status.service).toBe('up');
    expect(status.readers.map((r) => r.name)).toEqual(expect.arrayContaining([...VPCD_READERS]));
  });

  for (const atr of virtualAtrNames) {
    it(`ATR ${atr}: insert → text, extras, photo byte for byte; remove → card.removed`, async () => {
      const person = identity(atr === '3b67' ? 2 : 0);
      const card = vpcdCard(person, { atr });
      const since = await insert(card);
      const text = await recorder.waitFor('card.text', () => true, { since });
      expect(text.reader).toBe(VPCD_READERS[0]);
      expect(text.card.cid).toBe(person.cid);
      expect(text.card.atr.replace(/ /g, '').toLowerCase().startsWith(atr)).toBe(true);
      const extras = await recorder.waitFor('card.extras', () => true, { since });
      expect(extras.extras.laserId).toBe(person.laserId);
      const photo = await recorder.waitFor('card.photo', (event) => event.state === 'done', { since });
      const bytes = Buffer.from(photo.photo?.base64 ?? '', 'base64');
      expect(Uint8Array.from(bytes.subarray(0, person.photo.length))).toEqual(Uint8Array.from(person.photo));
      expect(photo.photo?.sha256).toBe(createHash('sha256').update(Uint8Array.from(bytes)).digest('hex'));
      const removedSince = recorder.mark;
      await card.remove();
      cards.splice(cards.indexOf(card), 1);
      expect(await recorder.waitFor('card.removed', () => true, { since: removedSince })).toMatchObject({
        reader: VPCD_READERS[0],
      });
    });
  }

  it('reads two readers at once, each its own card', async () => {
    const since = await insert(vpcdCard(identity(0), { slot: 0 }));
    await insert(vpcdCard(identity(1), { slot: 1, atr: '3b68' }));
    const first = await recorder.waitFor('card.text', (event) => event.reader === VPCD_READERS[0], { since });
    const second = await recorder.waitFor('card.text', (event) => event.reader === VPCD_READERS[1], { since });
    expect([first.card.cid, second.card.cid]).toEqual([identity(0).cid, identity(1).cid]);
    await recorder.waitFor('card.photo', (event) => event.state === 'done' && event.reader === VPCD_READERS[1], {
      since,
    });
  });

  it('re-reads on demand after removal and re-insertion of the same card', async () => {
    const card = vpcdCard(identity(1));
    let since = await insert(card);
    await recorder.waitFor('card.photo', (event) => event.state === 'done', { since });
    since = recorder.mark;
    await card.remove();
    await recorder.waitFor('card.removed', () => true, { since });
    since = recorder.mark;
    await card.insert();
    expect((await recorder.waitFor('card.text', () => true, { since })).card.cid).toBe(identity(1).cid);
    await recorder.waitFor('card.photo', (event) => event.state === 'done', { since });
    const again = await reader.read(VPCD_READERS[0], { photo: false });
    expect(again.card.cid).toBe(identity(1).cid);
  });

  const faults = [
    ['missing applet (6A 82)', identity(0), { missingApplet: true }, 'card_not_thai_id'],
    ['truncated answers', identity(0), { truncateAnswers: true }, 'card_bad_answer'],
    ['garbage bytes on every answer', identity(0), { garbageFrom: 3 }, 'card_bad_answer'],
    ['wrong checksum', identity(0, { cid: withWrongCheckDigit(identity(0).cid) }), {}, 'card_bad_checksum'],
  ] as const;
  for (const [name, person, fault, code] of faults) {
    it(`fault: ${name} → ${code}, no card.text`, async () => {
      const since = await insert(vpcdCard(person, { faults: fault }));
      const error = await recorder.waitFor('card.error', () => true, { since });
      expect(`${error.code}: ${error.message}`).toMatch(new RegExp(`^${code}`));
      expect(recorder.of('card.text').length).toBe(0);
    });
  }

  it('fault: one answer spoiled during the text (another program interleaved) → read again, text and photo arrive', async () => {
    const since = await insert(vpcdCard(identity(2), { faults: { garbageAt: 3 } }));
    expect((await recorder.waitFor('card.text', () => true, { since })).card.cid).toBe(identity(2).cid);
    await recorder.waitFor('card.photo', (event) => event.state === 'done', { since });
    expect(recorder.of('card.error').length).toBe(0);
  });

  it('fault: card pulled mid-read (during the photo) → card_removed and card.removed', async () => {
    const card = vpcdCard(identity(0), { faults: { pullAt: 20 } });
    const since = await insert(card);
    await recorder.waitFor('card.text', () => true, { since });
    const error = await recorder.waitFor('card.error', () => true, { since });
    expect(error).toMatchObject({ code: 'card_removed' });
    await recorder.waitFor('card.removed', () => true, { since });
    expect(recorder.of('card.photo').some((event) => event.state === 'done')).toBe(false);
  });

  it('fault: a card with no usable ATR (mute, inserted the wrong way) → card_mute', async () => {
    const since = await insert(vpcdCard(identity(0), { atr: Uint8Array.of(0x00) }));
    const error = await recorder.waitFor('card.error', () => true, { since });
    expect(error).toMatchObject({ code: 'card_mute' });
  });
});
