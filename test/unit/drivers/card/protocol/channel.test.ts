import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classify,
  fromHex,
  getResponseApdu,
  readBinaryApdu,
  selectApdu,
  AID_MOI,
  splitResponse,
  toHex,
} from '../../../../../drivers/card/protocol/apdu.std.js';
import { getResponseP2 } from '../../../../../drivers/card/protocol/atr.std.js';
import { CardChannel, type Transmit } from '../../../../../drivers/card/protocol/channel.std.js';
import { CardFailure } from '../../../../../drivers/card/protocol/failure.std.js';
import { VIRTUAL_ATRS } from '../../../../../drivers/card/virtual/atrs.std.js';

/** A scripted card: answers in order, records what it was sent. */
function scripted(answers: string[]): { transmit: Transmit; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    transmit: async (apdu) => {
      sent.push(toHex(apdu));
      const next = answers.shift();
      if (next === undefined) throw new Error('script exhausted');
      return fromHex(next);
    },
  };
}

describe('APDU builders', () => {
  it('builds SELECT, READ and GET RESPONSE exactly as the chip expects', () => {
    expect(toHex(selectApdu(AID_MOI))).toBe('00 A4 04 00 08 A0 00 00 00 54 48 00 01');
    expect(toHex(readBinaryApdu(0x0011, 209))).toBe('80 B0 00 11 02 00 D1');
    expect(toHex(readBinaryApdu(0x1579, 0xae))).toBe('80 B0 15 79 02 00 AE');
    expect(toHex(getResponseApdu(1, 0xd1))).toBe('00 C0 00 01 D1');
    expect(() => readBinaryApdu(0, 256)).toThrow(RangeError);
  });

  it('chooses GET RESPONSE P2 by ATR: 3B 67 → 01, others → 00', () => {
    expect(getResponseP2(VIRTUAL_ATRS['3b67'])).toBe(1);
    expect(getResponseP2(VIRTUAL_ATRS['3b68'])).toBe(0);
    expect(getResponseP2(VIRTUAL_ATRS['3b79'])).toBe(0);
  });
});

describe('CardChannel exchange', () => {
  it('follows 61xx with GET RESPONSE P2=01 on a 3B 67 chip', async () => {
    const card = scripted(['61 04', '31 32 33 34 90 00']);
    const channel = new CardChannel(card.transmit, VIRTUAL_ATRS['3b67']);
    expect(toHex(await channel.read(readBinaryApdu(4, 4), 4, 'x'))).toBe('31 32 33 34');
    expect(card.sent).toEqual(['80 B0 00 04 02 00 04', '00 C0 00 01 04']);
  });

  it('follows 61xx with P2=00 on other chips and retries 6Cxx with the right Le', async () => {
    const card = scripted(['61 02', '6C 02', '41 42 90 00']);
    const channel = new CardChannel(card.transmit, VIRTUAL_ATRS['3b79']);
    expect(toHex(await channel.exchange(readBinaryApdu(4, 2), 'x'))).toBe('41 42');
    expect(card.sent).toEqual(['80 B0 00 04 02 00 02', '00 C0 00 00 02', '00 C0 00 00 02']);
  });

  it('switches GET RESPONSE P2 once when an unknown chip refuses the first (6A 86)', async () => {
    const card = scripted(['61 01', '6A 86', '7F 90 00', '61 01', '7E 90 00']);
    const channel = new CardChannel(card.transmit, fromHex('3B 99 00'));
    await channel.exchange(readBinaryApdu(0, 1), 'x');
    await channel.exchange(readBinaryApdu(0, 1), 'y');
    expect(card.sent.slice(1)).toEqual(['00 C0 00 00 01', '00 C0 00 01 01', '80 B0 00 00 02 00 01', '00 C0 00 01 01']);
  });

  it('turns 6A 82, garbage, a short answer and a truncated read into catalogued failures', async () => {
    const cases: [string[], string][] = [
      [['6A 82'], 'card_not_thai_id'],
      [['DE AD BE EF'], 'card_bad_answer'],
      [['90'], 'card_bad_answer'],
      [['61 04', '31 32 90 00'], 'card_bad_answer'],
      [['6E 00'], 'card_bad_answer'],
    ];
    for (const [answers, code] of cases) {
      const channel = new CardChannel(scripted(answers).transmit, VIRTUAL_ATRS['3b68']);
      await expect(channel.read(readBinaryApdu(0, 4), 4, 'x')).rejects.toMatchObject({ code });
    }
  });

  it('property: any answer bytes give data or a CardFailure, never another exception, and never loop', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 30 }),
        async (answers, length) => {
          let calls = 0;
          const channel = new CardChannel(async () => {
            calls += 1;
            return answers[(calls - 1) % answers.length] ?? new Uint8Array(0);
          }, VIRTUAL_ATRS['3b79']);
          try {
            const data = await channel.read(readBinaryApdu(0, length), length, 'x');
            expect(data.length).toBe(length);
          } catch (error) {
            expect(error).toBeInstanceOf(CardFailure);
          }
          expect(calls).toBeLessThanOrEqual(6);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: the status-word parser classifies every response', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 260 }), (bytes) => {
        const response = splitResponse(bytes);
        if (bytes.length < 2) expect(response).toBeNull();
        else {
          expect(response?.data.length).toBe(bytes.length - 2);
          expect(['ok', 'more', 'wrong_le', 'not_found', 'error', 'garbage']).toContain(
            response === null ? '' : classify(response),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});
