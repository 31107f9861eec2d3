// Who an HL7 ORU names (PID): HN by identifier type, the citizen id typed in PID-3 or in PID-2/PID-19 as Thai
// HIS send it, only with a valid check digit; two different ids reported as disagreeing; the kept raw text
// carries no citizen id.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeOru, parseHl7 } from '../../../../../drivers/devices/parsers/hl7.std.js';
import { pidIdentifiers } from '../../../../../drivers/devices/parsers/hl7Pid.std.js';
import { hl7MllpFrame, oruMessage } from '../../../../../drivers/devices/simulators/frames.std.js';
import { asciiBytes } from '../../../../../drivers/devices/parsers/reading.std.js';
import { cidWithChecksum, syntheticCid } from '../../../../factories/fhirFixtures.js';
import { withWrongCheckDigit } from '../../../../factories/cardIdentities.js';
import { ctx } from '../../../../factories/devices/deviceFixtures.js';

const vitals = { sys: 124, dia: 78, pulse: 70, spo2: 97, tempC: 36.9, resp: 16, controlId: 'PID-1' };
const CID = syntheticCid(41);
const OTHER_CID = syntheticCid(42);

function named(pid: string) {
  const message = parseHl7(oruMessage(vitals, '20240105102000', pid));
  if (message === undefined) throw new Error('unparsed');
  return pidIdentifiers(message);
}

describe('HL7 PID identifiers', () => {
  it.each([
    ['HN typed HN in PID-3', 'PID|||6700123^^^10953^HN', { hn: '6700123' }],
    ['HN typed MR (HL7 0203) in PID-3', 'PID|||6700123^^^10953^MR', { hn: '6700123' }],
    ['CID typed in PID-3 beside the HN', `PID|||6700123^^^10953^HN~${CID}^^^MOI^CID`, { hn: '6700123', cid: CID }],
    ['CID typed NNTHA', `PID|||${CID}^^^^NNTHA`, { cid: CID }],
    ['CID untyped in PID-3', `PID|||${CID}`, { cid: CID }],
    ['CID in PID-2 (external id)', `PID||${CID}|6700123^^^10953^HN`, { cid: CID, hn: '6700123' }],
    [
      'CID in PID-19 (the SSN field)',
      `PID|||6700123^^^10953^HN||TEST^PATIENT||||||||||||||${CID}`,
      { cid: CID, hn: '6700123' },
    ],
    ['a bed number untyped is nobody', 'PID|||BED12', {}],
    ['a 13-digit number with a wrong check digit is no CID', `PID||${withWrongCheckDigit(CID)}`, {}],
    ['no PID identifiers', 'PID|||||^^^^^^U', {}],
    ['two different citizen ids disagree', `PID||${CID}|${OTHER_CID}^^^^CID`, { disagree: true }],
  ])('%s', (_name, pid, expected) => {
    expect(named(pid)).toEqual(expected);
  });

  it('the decoded reading names the subject and keeps no citizen id in its raw text', () => {
    const frame = asciiBytes(oruMessage(vitals, '20240105102000', `PID|||6700123^^^10953^HN~${CID}^^^MOI^CID`));
    const result = decodeOru(frame, ctx('hl7-mllp'));
    if (!result.ok) throw new Error(result.error.detail);
    expect(result.reading.subject).toEqual({ hn: '6700123', cid: CID });
    expect(result.reading.raw).not.toContain(CID);
    expect(result.reading.raw).toContain('[cid]');
    // A monitor with no patient entered names nobody.
    const plain = decodeOru(hl7MllpFrame(vitals), ctx('hl7-mllp'));
    expect(plain.ok && plain.reading.subject).toBeUndefined();
  });

  it('fast-check: a valid CID in any of PID-2, PID-3 or PID-19 is found; a wrong check digit never is; raw never keeps it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-8]\d{11}$/),
        fc.constantFrom('pid2', 'pid3', 'pid3typed', 'pid19'),
        fc.boolean(),
        (first12, where, valid) => {
          const good = cidWithChecksum(first12);
          const cid = valid ? good : withWrongCheckDigit(good);
          const fields = [
            'PID',
            '',
            '',
            '',
            '',
            'TEST^PATIENT',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
          ];
          if (where === 'pid2') fields[2] = cid;
          if (where === 'pid3') fields[3] = cid;
          if (where === 'pid3typed') fields[3] = `HN77^^^10953^HN~${cid}^^^MOI^NI`;
          if (where === 'pid19') fields[19] = cid;
          const frame = asciiBytes(oruMessage(vitals, '20240105102000', fields.join('|')));
          const result = decodeOru(frame, ctx('hl7-mllp'));
          if (!result.ok) return false;
          expect(result.reading.subject?.cid).toBe(valid ? cid : undefined);
          expect(result.reading.raw).not.toContain(cid);
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
