// Synthetic identities only (valid checksums, invented names): never real people.
import { randomBytes } from 'node:crypto';
import type { PersonDetails } from '../../sync/model/personDetails.std.js';
import { createIdFactory, hexToKey } from '../../sync/model/ids.std.js';

export const TEST_HCODE = '99999';
/** A fixed test key (never used outside tests). */
export const TEST_KEY = hexToKey('0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0');

export function cidWithChecksum(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(first12[i]) * (13 - i);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

/** The n-th synthetic CID (person type 1, an invented province/district). */
export function syntheticCid(n: number): string {
  return cidWithChecksum(`19999${String(n).padStart(7, '0')}`);
}

export const TINY_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';

export function syntheticCard(n: number, overrides: Partial<PersonDetails> = {}): PersonDetails {
  return {
    cid: syntheticCid(n),
    thaiName: { prefix: 'นาย', first: `ทดสอบ${n}`, middle: '', last: 'สมมุติ' },
    englishName: { prefix: 'Mr.', first: `Test${n}`, middle: '', last: 'Sommut' },
    birthDate: '1980-05-17',
    sex: '1',
    address: {
      houseNo: '12/3',
      villageNo: '4',
      lane: null,
      road: 'ถนนทดสอบ',
      subdistrict: 'ตำบลสมมุติ',
      district: 'อำเภอสมมุติ',
      province: 'จังหวัดทดสอบ',
    },
    photo: { base64: TINY_JPEG_BASE64 },
    ...overrides,
  };
}

export function testIdFactory(stationId = 'station-test'): () => string {
  return createIdFactory({
    stationId,
    now: () => Date.now(),
    randomBytes: (length) => new Uint8Array(randomBytes(length)),
  });
}
