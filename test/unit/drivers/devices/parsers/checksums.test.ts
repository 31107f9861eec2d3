// Check characters of the kiosk devices whose algorithm is not in a vendor protocol document: the
// Tanita SC-240 against the output sample printed in its manual, the Terumo BP-500 against both candidates.
import { describe, expect, it } from 'vitest';
import { tanitaChecksum } from '../../../../../drivers/devices/parsers/tanita.std.js';
import { profiles } from '../../../../../drivers/devices/profiles.std.js';
import { decodeTerumoBp500, terumoCheck, terumoSum } from '../../../../../drivers/devices/parsers/terumoBp500.std.js';
import { tanitaFrame, terumoFrame } from '../../../../../drivers/devices/simulators/frames.std.js';
import { ctx } from '../../../../factories/devices/deviceFixtures.js';

const decodeTanitaSc240 = profiles['tanita-sc240'].decode;

const encode = (text: string) => new TextEncoder().encode(text);

describe('Tanita SC-240 CS', () => {
  // SC-240 instruction manual, "Connection with a personal computer", output sample (kg/cm mode).
  const manualSample =
    '{0,16,~0,1,~1,1,~2,1,MO,"SC-240",SN,"00000002",Bt,0,GE,1,AG,30,Hm,170,Pt,0.0,Wk,82.7,FW,18.6,fW,15.4,MW,67.3,mW,64.0,sW,19,bW,3.3,wW,48.0,ww,58.0,MI,28.6,Sw,63.6,OV,30.0,IF,6,rb,8255,rB,1973,rJ,12,rA,28,ZF,369.4,';

  it("reproduces the manual's printed CS (FD) as the sum of the bytes before it", () => {
    expect(tanitaChecksum(manualSample)).toBe(0xfd);
  });

  it('the manual sample decodes with verification on; one changed digit fails it', () => {
    const ok = decodeTanitaSc240(encode(`${manualSample}CS,FD\r\n`), ctx('tanita-sc240'));
    expect(ok.ok && ok.reading.values.map((v) => v.value)).toEqual([82.7, 170, 28.6]);
    const bad = decodeTanitaSc240(encode(`${manualSample.replace('82.7', '82.8')}CS,FD\r\n`), ctx('tanita-sc240'));
    expect(bad.ok ? 'ok' : bad.error.code).toBe('device_checksum');
  });

  it('the simulator frames carry the same CS', () => {
    expect(decodeTanitaSc240(tanitaFrame({ heightCm: 165, weightKg: 61.3 }), ctx('tanita-sc240')).ok).toBe(true);
  });
});

describe('Terumo BP-500 check character', () => {
  const body = encode('R1,000000000,210427,153000,128,097,082,084,0000,0000,00000,000');
  const frameWith = (check: number) => Uint8Array.from([0x02, ...body, 0x03, check]);

  it('sum candidate: 0xE6 for the public example body (shown as "?" by .NET ASCII decoding)', () => {
    expect(terumoSum(body)).toBe(0xe6);
    expect(terumoCheck(body)).toBe(0x7a);
  });

  it('by default either candidate passes and anything else is a checksum error', () => {
    expect(decodeTerumoBp500(frameWith(0xe6), ctx('terumo-bp500')).ok).toBe(true);
    expect(decodeTerumoBp500(frameWith(0x7a), ctx('terumo-bp500')).ok).toBe(true);
    const wrong = decodeTerumoBp500(frameWith(0x3f), ctx('terumo-bp500'));
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('device_checksum');
  });

  it('a pinned mode accepts only its own algorithm', () => {
    expect(decodeTerumoBp500(frameWith(0xe6), ctx('terumo-bp500'), { checkMode: 'sum' }).ok).toBe(true);
    expect(decodeTerumoBp500(frameWith(0x7a), ctx('terumo-bp500'), { checkMode: 'sum' }).ok).toBe(false);
    expect(decodeTerumoBp500(frameWith(0x7a), ctx('terumo-bp500'), { checkMode: 'bcc' }).ok).toBe(true);
    expect(decodeTerumoBp500(frameWith(0xe6), ctx('terumo-bp500'), { checkMode: 'bcc' }).ok).toBe(false);
  });

  it('the simulator sends the sum candidate', () => {
    const frame = terumoFrame({ sys: 121, dia: 79, pulse: 70 });
    expect(frame.at(-1)).toBe(terumoSum(frame.subarray(1, frame.length - 2)));
  });
});
