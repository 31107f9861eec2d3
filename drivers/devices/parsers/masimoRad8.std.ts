/**
 * Masimo Rad-8 pulse oximeter in ASCII 1 mode (9600 8N1, no flow control; factory default is ASCII 2, so
 * IT must switch it), one line per second:
 * `02/22/16 22:47:45 SN=0000056661 SPO2=098% BPM=097 PI=03.60% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- ALARM=0000 EXC=000800`
 * "--" values mean no measurement (probe off, searching). ALARM and EXC are hex bit fields.
 *
 * Sources: yahnatan/pulseox README.md; remkolems/masimo-datacapture masimo-capture.py (ships the Rad-8
 * operator's manual); reference §A3. Confidence M/H.
 */
import { LineFramer, type Framer } from './framing.std.js';
import { Loinc, asciiText, buildReading, fail, vital, type DecodeContext, type DecodeResult } from './reading.std.js';

export function createMasimoFramer(): Framer {
  return new LineFramer({ maxLength: 512 });
}

const linePattern = /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2})\s+(.*)$/;

export function decodeMasimoRad8(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  const line = asciiText(frame)
    .replace(/[\r\n]+$/, '')
    .trim();
  const match = linePattern.exec(line);
  if (match === null) return fail('device_frame_malformed', 'not an ASCII 1 line (is the Rad-8 set to ASCII 1?)');
  const [, month = '', day = '', year = '', time = '', rest = ''] = match;
  const fields = new Map<string, string>();
  for (const token of rest.split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0) fields.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const spo2Text = fields.get('SPO2');
  const bpmText = fields.get('BPM');
  const alarm = fields.get('ALARM');
  const exception = fields.get('EXC');
  if (spo2Text === undefined || bpmText === undefined) return fail('device_frame_malformed', 'SPO2= or BPM= missing');
  if (
    (alarm !== undefined && !/^[0-9A-Fa-f]+$/.test(alarm)) ||
    (exception !== undefined && !/^[0-9A-Fa-f]+$/.test(exception))
  ) {
    return fail('device_frame_malformed', 'ALARM/EXC are not hex');
  }
  const spo2 = /^\d{1,3}%?$/.test(spo2Text) ? Number(spo2Text.replace('%', '')) : Number.NaN;
  const bpm = /^\d{1,3}$/.test(bpmText) ? Number(bpmText) : Number.NaN;
  if (Number.isNaN(spo2) || Number.isNaN(bpm)) {
    if (/^-+/.test(spo2Text) || /^-+/.test(bpmText))
      return fail('device_no_values', 'no measurement (probe off or searching)');
    return fail('device_frame_malformed', 'SPO2/BPM are not numbers');
  }
  return buildReading(ctx, frame, [vital(Loinc.spo2, spo2), vital(Loinc.heartRate, bpm)], {
    deviceTime: `20${year}-${month}-${day}T${time}`,
  });
}
