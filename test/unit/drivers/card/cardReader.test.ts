import { describe, expect, it } from 'vitest';
import { CardReader } from '../../../../drivers/card/cardReader.node.js';
import { InProcessBackend, DEMO_READER } from '../../../../drivers/card/virtual/inProcessBackend.node.js';
import { ThaiCardOS, type CardFaults } from '../../../../drivers/card/virtual/thaiCardOS.std.js';
import { buildCardImage } from '../../../../drivers/card/virtual/identity.std.js';
import { VIRTUAL_ATRS } from '../../../../drivers/card/virtual/atrs.std.js';
import { sha256Hex } from '../../../../drivers/card/protocol/readCard.std.js';
import { EventRecorder } from '../../../integration/card/recorder.js';
import { identity } from '../../../factories/cardIdentities.js';

function setup(photoWanted: () => boolean = () => true): {
  backend: InProcessBackend;
  recorder: EventRecorder;
  reader: CardReader;
} {
  const backend = new InProcessBackend();
  const recorder = new EventRecorder();
  const reader = new CardReader({ backend, emit: recorder.emit, photoWanted, today: () => '2026-11-23' });
  reader.start();
  return { backend, recorder, reader };
}

function card(index: number, faults: CardFaults = {}): ThaiCardOS {
  return new ThaiCardOS(buildCardImage(identity(index)), { atr: VIRTUAL_ATRS['3b79'], faults });
}

describe('CardReader orchestration', () => {
  it('on insert: text first, then extras, photo progress and the photo with its sha256', async () => {
    const { backend, recorder, reader } = setup();
    backend.insert(card(0));
    const photo = await recorder.waitFor('card.photo', (event) => event.state === 'done');
    const names = recorder.events.map((event) => event.name).filter((name) => name !== 'card.status');
    expect(names[0]).toBe('card.text');
    expect(names[1]).toBe('card.extras');
    expect(names.filter((name) => name === 'card.photo')).toHaveLength(21);
    const bytes = Buffer.from(photo.photo?.base64 ?? '', 'base64');
    expect(bytes.length).toBe(5100);
    expect(photo.photo?.sha256).toBe(sha256Hex(Uint8Array.from(bytes)));
    expect(Uint8Array.from(bytes.subarray(0, identity(0).photo.length))).toEqual(Uint8Array.from(identity(0).photo));
    await recorder.waitFor('card.status', (status) => status.readers.every((r) => !r.reading), {
      since: recorder.events.findIndex((e) => e.name === 'card.photo' && e.payload.state === 'done'),
    });
    expect(reader.status().readers).toEqual([
      { name: DEMO_READER, present: true, atr: '3B 79 96 00 00 54 48 20 4E 49 44 20 31 38', reading: false },
    ]);
    await reader.stop();
  });

  it('skips the photo when it is already stored', async () => {
    const { backend, recorder, reader } = setup(() => false);
    backend.insert(card(1));
    const photo = await recorder.waitFor('card.photo');
    expect(photo).toMatchObject({ state: 'skipped', skipReason: 'already_stored', photo: null });
    await reader.stop();
  });

  it('card pulled during the photo: card.error card_removed and card.removed, the text already shown stays whole', async () => {
    const { backend, recorder, reader } = setup();
    backend.insert(card(0, { pullAt: 20 }));
    const error = await recorder.waitFor('card.error');
    expect(error.code).toBe('card_removed');
    await recorder.waitFor('card.removed');
    expect(recorder.of('card.text')).toHaveLength(1);
    expect(recorder.of('card.photo').filter((event) => event.state === 'done')).toHaveLength(0);
    await reader.stop();
  });

  it('card pulled during the text: an error and no card.text at all (no partial patient)', async () => {
    const { backend, recorder, reader } = setup();
    backend.insert(card(0, { pullAt: 3 }));
    expect((await recorder.waitFor('card.error')).code).toBe('card_removed');
    expect(recorder.of('card.text')).toHaveLength(0);
    await expect(reader.read(DEMO_READER)).rejects.toMatchObject({ code: 'card_no_card' });
    await reader.stop();
  });

  it('one spoiled answer during the text (no PC/SC transaction): read again once, one card.text, no error', async () => {
    const { backend, recorder, reader } = setup();
    backend.insert(card(0, { garbageAt: 3 }));
    await recorder.waitFor('card.photo', (event) => event.state === 'done');
    expect(recorder.of('card.text')).toHaveLength(1);
    expect(recorder.of('card.text')[0]?.card.cid).toBe(identity(0).cid);
    expect(recorder.of('card.error')).toHaveLength(0);
    await reader.stop();
  });

  it('answers spoiled every time: the second failure is shown (card_bad_answer), no card.text', async () => {
    const { backend, recorder, reader } = setup();
    backend.insert(card(0, { truncateAnswers: true }));
    expect((await recorder.waitFor('card.error')).code).toBe('card_bad_answer');
    expect(recorder.of('card.text')).toHaveLength(0);
    await reader.stop();
  });

  it('a bank card (no Thai ID applet) is named as such', async () => {
    const { backend, recorder, reader } = setup();
    backend.insert(card(0, { missingApplet: true }));
    expect((await recorder.waitFor('card.error')).code).toBe('card_not_thai_id');
    expect(recorder.of('card.text')).toHaveLength(0);
    await reader.stop();
  });

  it('re-reads on demand and says when there is no card', async () => {
    const backend = new InProcessBackend();
    const recorder = new EventRecorder();
    const reader = new CardReader({ backend, emit: recorder.emit, autoRead: false });
    reader.start();
    expect(() => reader.pickReader()).toThrow(expect.objectContaining({ code: 'card_no_card' }));
    backend.insert(card(2));
    const result = await reader.read(reader.pickReader(), { photo: false });
    expect(result.card.cid).toBe(identity(2).cid);
    await result.finished;
    expect(recorder.of('card.photo')).toEqual([
      expect.objectContaining({ state: 'skipped', skipReason: 'not_requested' }),
    ]);
    await reader.stop();
  });
});
