import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactText, redactValue, REDACTED } from '../../../../../electron/services/logging/redact.std.js';

describe('redaction', () => {
  it('removes every 13-digit run from any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[0-8]\d{12}$/), fc.string(), (before, cid, after) => {
        // Separators keep the id a separate 13-digit run, as in a log line.
        expect(redactText(`${before} ${cid} ${after}`)).not.toContain(cid);
      }),
      { numRuns: 2000 },
    );
  });

  it('blanks sensitive keys at any depth and leaves other values', () => {
    const out = redactValue({
      command: 'card.read',
      patient: { cid: '3100600123458', name: { given: ['สมชาย'] }, photo: new Uint8Array(8) },
      ms: 42,
    });
    expect(out).toEqual({ command: 'card.read', patient: { cid: REDACTED, name: REDACTED, photo: REDACTED }, ms: 42 });
  });

  it('blanks a mobile number (the NHSO authen request carries one; 10 digits escape the id pattern)', () => {
    expect(redactValue({ request: 'r1', mobile: '0812345678' })).toEqual({ request: 'r1', mobile: REDACTED });
  });
});
