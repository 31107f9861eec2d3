// `device listen --code-map FILE`: the file is IT's code map exactly as the device view stores it (a JSON list of
// {code, loinc, unit}); each way it can be wrong is named, and whatever the editor can store, the file takes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CODE_MAP_FILE_PROBLEM_TEXT,
  parseCodeMapFile,
} from '../../../../../drivers/devices/parsers/codeMapFile.std.js';
import { customEntriesOf } from '../../../../../drivers/devices/parsers/customCodeMap.std.js';
import { Loinc } from '../../../../../sync/model/vitals/vitalSigns.std.js';
import { storedCodeMap } from '../../../../factories/devices/codeMapEdits.js';

const json = (value: unknown): string => JSON.stringify(value);

describe('the --code-map file', () => {
  it('takes the stored shape: a list of {code, loinc, unit}, unit null when the monitor always sends one', () => {
    const stored = [
      { code: '007000', loinc: Loinc.spo2, unit: null },
      { code: 'VITAL TRECT', loinc: Loinc.temperature, unit: 'Cel' },
    ];
    expect(parseCodeMapFile(json(stored))).toEqual({ ok: true, entries: stored });
    expect(parseCodeMapFile('[]')).toEqual({ ok: true, entries: [] });
  });

  it('reads a file saved with a UTF-8 byte order mark (Windows Notepad) and CRLF line ends', () => {
    const text = `\uFEFF[\r\n  {"code": "007000", "loinc": "${Loinc.spo2}", "unit": null}\r\n]\r\n`;
    expect(parseCodeMapFile(text)).toEqual({ ok: true, entries: [{ code: '007000', loinc: Loinc.spo2, unit: null }] });
  });

  it('hands the decoder the entries as main does: no unit means OBX-6 must say', () => {
    expect(
      customEntriesOf([
        { code: '007000', loinc: Loinc.spo2, unit: null },
        { code: 'T1', loinc: Loinc.temperature, unit: 'Cel' },
      ]),
    ).toEqual([
      { code: '007000', loinc: Loinc.spo2, unit: undefined },
      { code: 'T1', loinc: Loinc.temperature, unit: 'Cel' },
    ]);
  });

  it.each([
    ['not JSON', '{code: 1', 'not_json', /JSON/],
    ['an object instead of a list', json({ entries: [] }), 'not_a_list', /object/],
    ['an entry without its unit', json([{ code: 'A', loinc: Loinc.spo2 }]), 'entry_shape', /entry 1.*unit/],
    ['a unit that is a number', json([{ code: 'A', loinc: Loinc.spo2, unit: 5 }]), 'entry_shape', /entry 1.*unit/],
    ['a list of strings', json(['A']), 'entry_shape', /entry 1/],
    [
      'a code with an HL7 separator',
      json([{ code: '9001^X', loinc: Loinc.spo2, unit: null }]),
      'code_invalid',
      /9001\^X/,
    ],
    ['an empty code', json([{ code: ' ', loinc: Loinc.spo2, unit: null }]), 'code_invalid', /entry 1/],
    ['an unknown vital', json([{ code: 'A', loinc: '1234-5', unit: null }]), 'vital_missing', /1234-5/],
    [
      'the mean pressure (kept, never charted)',
      json([{ code: 'A', loinc: Loinc.meanArterial, unit: null }]),
      'vital_missing',
      /8478-0/,
    ],
    ['a unit that does not fit', json([{ code: 'A', loinc: Loinc.heartRate, unit: 'kg' }]), 'unit_unfit', /kg/],
    ['an unknown unit', json([{ code: 'A', loinc: Loinc.heartRate, unit: 'furlongs' }]), 'unit_unfit', /furlongs/],
    [
      'one code twice (any case)',
      json([
        { code: 'hr', loinc: Loinc.heartRate, unit: null },
        { code: 'HR', loinc: Loinc.spo2, unit: null },
      ]),
      'code_twice',
      /entry 2.*HR/,
    ],
  ])('refuses %s, saying where', (_name, text, problem, detail) => {
    const result = parseCodeMapFile(text);
    expect(result).toMatchObject({ ok: false, problem });
    expect(result.ok ? '' : result.detail).toMatch(detail);
  });

  it('says every problem in Thai and English', () => {
    for (const text of Object.values(CODE_MAP_FILE_PROBLEM_TEXT)) {
      expect(text.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(text.en).toMatch(/^[\x20-\x7e’]+$/);
    }
  });

  it('takes whatever the device view can store, unchanged (fast-check)', () => {
    fc.assert(
      fc.property(storedCodeMap, (stored) => {
        expect(parseCodeMapFile(json(stored))).toEqual({ ok: true, entries: stored });
      }),
    );
  });
});
