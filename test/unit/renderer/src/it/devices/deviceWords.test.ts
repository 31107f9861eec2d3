// IT's device status in words: the state, the last frame, an error's text, and for a frame with codes no map
// knows "received, N values not understood (codes …)" with the device's own codes, never an error code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ProfileName, type PortStatus, type SkippedValue } from '../../../../../../electron/contract/devices.std.js';
import {
  PORT_STATE_WORDS,
  PROFILE_WORDS,
  framingWords,
  notUnderstoodWords,
  portWords,
  setAsideWords,
  statusWords,
} from '../../../../../../renderer/src/it/devices/deviceWords.std.js';

const base: PortStatus = {
  port: 'tcp:2575',
  profile: 'hl7-mllp',
  state: 'listening',
  errorCode: null,
  detail: null,
  since: '2026-12-06T03:00:00.000Z',
  lastFrameAt: null,
  dialect: 'auto',
  lastNotTaken: null,
  reconnects: 0,
};
const unknown = (source: string): SkippedValue => ({
  outcome: 'ignored',
  reason: 'unknown_code',
  source,
  detail: `${source}: unknown`,
});
const demo: SkippedValue = {
  outcome: 'ignored',
  reason: 'demo',
  source: '150456^MDC_PULS_OXIM_SAT_O2^MDC',
  detail: 'DEMO',
};
const now = Date.parse('2026-12-06T03:10:00.000Z');

describe('device status in words', () => {
  it('names every profile and state in Thai and English', () => {
    for (const name of ProfileName.options) expect(PROFILE_WORDS[name].th).toMatch(/[ก-๙]/);
    for (const words of Object.values(PORT_STATE_WORDS)) expect(words.th).toMatch(/[ก-๙]/);
  });

  it('says codes not understood with the device’s own codes, Thai and English', () => {
    const notes = [unknown('9001^ZX_SYS^LOCAL'), unknown('9002^ZX_DIA^LOCAL'), demo];
    expect(notUnderstoodWords(notes, 'th')).toBe(
      'ได้รับข้อความแล้ว 2 ค่าไม่เข้าใจ (รหัส 9001^ZX_SYS^LOCAL, 9002^ZX_DIA^LOCAL)',
    );
    expect(notUnderstoodWords(notes, 'en')).toBe(
      'received, 2 values not understood (codes 9001^ZX_SYS^LOCAL, 9002^ZX_DIA^LOCAL)',
    );
    expect(notUnderstoodWords([demo], 'th')).toBeNull();
    // the front desk and nurses read that IT can map them, not the device's codes
    expect(notUnderstoodWords(notes, 'th', false)).toBe('ได้รับข้อความแล้ว 2 ค่าไม่เข้าใจ (ฝ่ายไอทีตั้งผังรหัสได้)');
    expect(setAsideWords(notes, 'th', false).join()).not.toContain('150456');
    expect(setAsideWords(notes, 'en')).toEqual([
      '1 value: the device is in demo or test mode (not a patient’s value) (150456^MDC_PULS_OXIM_SAT_O2^MDC)',
    ]);
  });

  it('warns on the latest frame’s codes not understood, and keeps an earlier one as history', () => {
    const lastNotTaken = { at: '2026-12-06T03:05:00.000Z', charted: 0, skipped: [unknown('9001^ZX^L')] };
    const latest = statusWords({ ...base, lastFrameAt: lastNotTaken.at, lastNotTaken }, 'th', now);
    expect(latest.tone).toBe('warn');
    expect(latest.notUnderstood).toMatch(/^ได้รับข้อความแล้ว 1 ค่าไม่เข้าใจ \(รหัส 9001\^ZX\^L\) · /);
    const later = statusWords({ ...base, lastFrameAt: '2026-12-06T03:06:00.000Z', lastNotTaken }, 'en', now);
    expect(later.tone).toBe('ok');
    expect(later.notUnderstood).toContain('an earlier message');
  });

  it('puts an error code in words and a failing port as failing', () => {
    const words = statusWords(
      {
        ...base,
        port: '/dev/ttyUSB0',
        profile: 'omron-hbp9030',
        state: 'retrying',
        errorCode: 'device_port_open_failed',
        detail: 'ENOENT',
        dialect: null,
      },
      'en',
      now,
    );
    expect(words).toMatchObject({
      tone: 'fail',
      state: 'cannot connect, retrying',
      port: 'serial port /dev/ttyUSB0',
      problem: 'Could not open the device port; retrying. — ENOENT',
      dialect: null,
      lastReading: 'nothing received yet',
    });
    expect(statusWords({ ...base, errorCode: 'something_new' }, 'th', now).problem).not.toContain('something_new');
  });

  it('says the last reading relative and in full, Buddhist era in Thai', () => {
    const words = statusWords({ ...base, lastFrameAt: '2026-12-06T03:07:00.000Z' }, 'th', now);
    expect(words.lastReading).toContain('3 นาทีที่ผ่านมา');
    expect(words.lastReading).toContain('2569');
    expect(words.lastReading).not.toContain('เชื่อมต่อใหม่');
    expect(statusWords({ ...base, reconnects: 2 }, 'th', now).lastReading).toBe(
      'ยังไม่ได้รับข้อมูลจากเครื่อง · เชื่อมต่อใหม่ 2 ครั้งตั้งแต่เริ่มพอร์ต',
    );
    expect(statusWords({ ...base, reconnects: 1 }, 'en', now).lastReading).toBe(
      'nothing received yet · reconnected 1 time since the port started',
    );
  });

  it('words ports and framing', () => {
    expect(portWords('tcp:2575', 'th')).toBe('เครือข่าย พอร์ต 2575');
    expect(portWords('hid:0590:0028', 'en')).toBe('USB 0590:0028');
    expect(framingWords({ baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1, xon: true }, 'en')).toBe(
      '19200 bps, 8 data bits, odd parity, 1 stop bit, XON/XOFF',
    );
  });

  it('never shows an error code whatever the status (fast-check)', () => {
    const codes = fc.constantFrom(
      'device_port_open_failed',
      'device_port_lost',
      'device_listener_no_allow_list',
      'storage_full',
      'made_up_code',
    );
    fc.assert(
      fc.property(
        codes,
        fc.constantFrom(
          ...(['opening', 'open', 'listening', 'retrying', 'waiting_device', 'disabled', 'closed'] as const),
        ),
        fc.constantFrom<'th' | 'en'>('th', 'en'),
        (code, state, lang) => {
          const words = statusWords({ ...base, state, errorCode: code }, lang, now);
          expect(JSON.stringify(words)).not.toMatch(/device_|storage_|made_up/);
        },
      ),
    );
  });
});
