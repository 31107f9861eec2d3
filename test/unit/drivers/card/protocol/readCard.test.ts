import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CardChannel } from '../../../../../drivers/card/protocol/channel.std.js';
import {
  readCardExtras,
  readCardText,
  readPhoto,
  sha256Hex,
} from '../../../../../drivers/card/protocol/readCard.std.js';
import { planReads, MOI_FIELDS, fieldBytes } from '../../../../../drivers/card/protocol/memoryMap.std.js';
import { decodeField, encodeTis620, parseName } from '../../../../../drivers/card/protocol/text.std.js';
import { ThaiCardOS, type CardFaults } from '../../../../../drivers/card/virtual/thaiCardOS.std.js';
import { buildCardImage, type SyntheticIdentity } from '../../../../../drivers/card/virtual/identity.std.js';
import { VIRTUAL_ATRS, virtualAtrNames, type VirtualAtr } from '../../../../../drivers/card/virtual/atrs.std.js';
import { parseBuddhistDate } from '../../../../../drivers/card/protocol/dates.std.js';
import { identity, identityArbitrary, tinyJpeg, withWrongCheckDigit } from '../../../../factories/cardIdentities.js';

const TODAY = '2026-11-23';

function cardFor(
  person: SyntheticIdentity,
  atr: VirtualAtr = '3b79',
  faults: CardFaults = {},
): { os: ThaiCardOS; channel: CardChannel } {
  const os = new ThaiCardOS(buildCardImage(person), { atr: VIRTUAL_ATRS[atr], faults });
  const channel = new CardChannel(async (apdu) => os.process(apdu) ?? new Uint8Array(0), VIRTUAL_ATRS[atr]);
  return { os, channel };
}

describe('read planning', () => {
  it('merges the text fields into 3 reads of at most 255 bytes (Thai name..sex in the first)', () => {
    const plan = planReads(MOI_FIELDS);
    expect(plan.map((read) => [read.offset, read.length])).toEqual([
      [0x0004, 222],
      [0x00f6, 129],
      [0x1579, 174],
    ]);
    expect(plan[0]?.fields).toEqual(['cid', 'thaiName', 'englishName', 'birthDate', 'sex']);
    expect(plan.every((read) => read.length <= 255)).toBe(true);
    expect(fieldBytes(MOI_FIELDS)).toBe(512);
  });
});

describe('reading the virtual chip', () => {
  for (const atr of virtualAtrNames) {
    it(`reads every text field in 7 APDUs with ATR ${atr}`, async () => {
      const { channel } = cardFor(identity(0), atr);
      const card = await readCardText(channel, VIRTUAL_ATRS[atr], TODAY);
      expect(channel.apdus).toBe(7);
      expect(card).toMatchObject({
        cid: '1101700548210',
        personType: 1,
        thaiName: { prefix: 'นาย', first: 'สมมติ', middle: '', last: 'ทดสอบดี' },
        englishName: { prefix: 'Mr.', first: 'Sommut', middle: '', last: 'Thotsobdee' },
        birthDate: '1987-01-15',
        sex: 'male',
        issueDate: '2022-03-10',
        expiryDate: '2031-01-14',
        requestNumber: '10170310123456',
        warnings: [],
      });
      expect(card.address.villageNo).toBe('5');
    });
  }

  it('reads an old lifelong 3B 67 chip: year-only birth, no request number, no laser id, no NHSO', async () => {
    const { channel } = cardFor(identity(2), '3b67');
    const card = await readCardText(channel, VIRTUAL_ATRS['3b67'], TODAY);
    expect(card).toMatchObject({ birthDate: '1947', expiryDate: null, requestNumber: null });
    expect(card.warnings).toEqual(['birth_date_partial', 'request_number_absent']);
    const extras = await readCardExtras(channel);
    expect(extras).toEqual({ laserId: null, nhso: null, warnings: ['laser_id_absent', 'nhso_absent'] });
  });

  it('warns on an expired card and accepts person type 6', async () => {
    const { channel } = cardFor(identity(3));
    const card = await readCardText(channel, VIRTUAL_ATRS['3b79'], TODAY);
    expect(card.personType).toBe(6);
    expect(card.warnings).toContain('card_expired');
    expect(card.thaiName.middle).toBe('ทดลอง');
  });

  it('reads laser id and NHSO rights where present', async () => {
    const { channel } = cardFor(identity(1));
    await readCardText(channel, VIRTUAL_ATRS['3b79'], TODAY);
    const extras = await readCardExtras(channel);
    expect(extras.laserId).toBe('ME1-7654321-00');
    expect(extras.nhso).toMatchObject({
      mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
      subInscl: '(74) ข้าราชการบำนาญ',
      issueDate: '2024-04-01',
    });
  });

  it('returns the photo region byte for byte, with progress', async () => {
    const person = identity(0, { photo: tinyJpeg });
    const { channel } = cardFor(person);
    const progress: number[] = [];
    const photo = await readPhoto(channel, (received) => progress.push(received));
    expect(photo.length).toBe(5100);
    expect(photo.slice(0, tinyJpeg.length)).toEqual(tinyJpeg);
    expect(progress).toHaveLength(20);
    expect(progress.at(-1)).toBe(5100);
    expect(sha256Hex(photo)).toMatch(/^[0-9a-f]{64}$/);
    expect([photo[0], photo[1]]).toEqual([0xff, 0xd8]);
  });

  it('fails with catalogued codes on each fault, and leaves no partial result', async () => {
    const cases: [SyntheticIdentity, CardFaults, string][] = [
      [identity(0), { missingApplet: true }, 'card_not_thai_id'],
      [identity(0), { truncateAnswers: true }, 'card_bad_answer'],
      [identity(0), { garbageAt: 2 }, 'card_bad_answer'],
      [identity(0, { cid: withWrongCheckDigit('1101700548210') }), {}, 'card_bad_checksum'],
    ];
    for (const [person, faults, code] of cases) {
      const { channel } = cardFor(person, '3b68', faults);
      await expect(readCardText(channel, VIRTUAL_ATRS['3b68'], TODAY)).rejects.toMatchObject({ code });
    }
  });

  it('a strict 3B 67 chip refuses GET RESPONSE P2=00 (the bug of autoGetResponse helpers)', () => {
    const os = new ThaiCardOS(buildCardImage(identity(0)), { atr: VIRTUAL_ATRS['3b67'] });
    os.process(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x08, 0xa0, 0, 0, 0, 0x54, 0x48, 0, 1));
    expect(os.process(Uint8Array.of(0x80, 0xb0, 0, 4, 2, 0, 13))).toEqual(Uint8Array.of(0x61, 13));
    expect(os.process(Uint8Array.of(0x00, 0xc0, 0, 0, 13))).toEqual(Uint8Array.of(0x6a, 0x86));
  });

  it('property: synthetic identities round-trip through memory image, chip and decoders', async () => {
    await fc.assert(
      fc.asyncProperty(identityArbitrary, fc.constantFrom(...virtualAtrNames), async (person, atr) => {
        const { channel } = cardFor(person, atr);
        const card = await readCardText(channel, VIRTUAL_ATRS[atr], TODAY);
        expect(card.cid).toBe(person.cid);
        expect(card.personType).toBe(Number(person.cid[0]));
        expect(card.thaiName).toEqual(parseName(person.thaiName));
        expect(`${card.thaiName.prefix}#${card.thaiName.first}#${card.thaiName.middle}#${card.thaiName.last}`).toBe(
          person.thaiName,
        );
        const birth = parseBuddhistDate(person.birthDate);
        expect(card.birthDate).toBe(birth.kind === 'date' ? birth.iso : null);
        expect(card.expiryDate === null).toBe(person.expiryDate === '99999999');
        expect(card.requestNumber).toBe(person.requestNumber);
        expect(card.address.province).toBe(person.address.split('#')[7]?.replace('จังหวัด', ''));
        expect(card.sex).toBe(person.sex === '1' ? 'male' : 'female');
      }),
      { numRuns: 1500 },
    );
  });

  it('property: TIS-620 text round-trips and padding is trimmed', () => {
    const thai = fc
      .array(
        fc.integer({ min: 0x0e01, max: 0x0e5b }).filter((c) => c < 0x0e3b || c > 0x0e3e),
        { maxLength: 40 },
      )
      .map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(thai, fc.nat({ max: 20 }), (text, pad) => {
        const bytes = new Uint8Array(text.length + pad).fill(0x20);
        bytes.set(encodeTis620(text));
        expect(decodeField(bytes)).toBe(text.trim());
      }),
      { numRuns: 2000 },
    );
  });
});
