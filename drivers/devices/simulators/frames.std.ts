/**
 * Frames as each device puts them on the wire, built from values: the simulators, demo mode, the
 * benchmark and the tests all replay these. Fields we do not know the meaning of are filled with the
 * placeholders the public examples show.
 */
import { asciiBytes } from '../parsers/reading.std.js';
import { ETX, STX } from '../parsers/framing.std.js';
import { mllpWrap } from '../parsers/hl7.std.js';
import { terumoSum } from '../parsers/terumoBp500.std.js';
import { tanitaChecksum } from '../parsers/tanita.std.js';
import { RS } from '../parsers/andTm2657p.std.js';
import { encodeContecPacket } from '../parsers/contecCms50dPlus.std.js';
import type { ProfileName } from '../profiles.std.js';

export interface BpValues {
  readonly sys: number;
  readonly dia: number;
  readonly pulse: number;
}
export interface ScaleValues {
  readonly heightCm: number;
  readonly weightKg: number;
}
export interface OxiValues {
  readonly spo2: number;
  readonly pulse: number;
}
export interface MonitorValues extends BpValues, OxiValues {
  readonly tempC: number;
  readonly resp: number;
  readonly controlId: string;
}

const p3 = (n: number): string => String(Math.round(n)).padStart(3, '0');

export function omronHbp9030Frame(v: BpValues): Uint8Array {
  // Fields before [7] are the unit's header (id, date, time, flags) in the source; we fill placeholders.
  return asciiBytes(`00,0000000000,20240105,102000,0,0,0,${p3(v.sys)},${p3(v.dia)},${p3(v.pulse)},0\r\n`);
}

export function omronHbp9020Frame(v: BpValues, when = { date: '2024/01/05', time: '10:20' }): Uint8Array {
  const map = Math.round((v.sys + 2 * v.dia) / 3);
  return asciiBytes(
    `bp,99999999999999999999,${when.date},${when.time},${p3(v.sys)},${p3(map)},${p3(v.dia)},${p3(v.pulse)},3\r\n`,
  );
}

export function andTm2657pFrame(v: BpValues): Uint8Array {
  const fields = [
    'TM-2657P',
    '01',
    '2024/01/05',
    '10:20',
    '0',
    `S${p3(v.sys)}`,
    `M${p3(Math.round((v.sys + 2 * v.dia) / 3))}`,
    `D${p3(v.dia)}`,
    `P${p3(v.pulse)}`,
  ];
  return Uint8Array.from([STX, ...asciiBytes(fields.join(String.fromCharCode(RS))), ETX]);
}

export function terumoFrame(v: BpValues, when = { date: '240105', time: '102000' }): Uint8Array {
  const map = Math.round((v.sys + 2 * v.dia) / 3);
  const body = asciiBytes(
    `R1,000000000,${when.date},${when.time},${p3(v.sys)},${p3(map)},${p3(v.dia)},${p3(v.pulse)},0000,0000,00000,000`,
  );
  return Uint8Array.from([STX, ...body, ETX, terumoSum(body)]);
}

export function gtechFrame(v: ScaleValues): Uint8Array {
  const bmi = v.weightKg / (v.heightCm / 100) ** 2;
  return Uint8Array.from([
    STX,
    ...asciiBytes(`${v.heightCm.toFixed(1)},${v.weightKg.toFixed(1)},0,0,${bmi.toFixed(1)}`),
    ETX,
  ]);
}

export function gtechPrinterFrame(v: ScaleValues): Uint8Array {
  const bmi = v.weightKg / (v.heightCm / 100) ** 2;
  return asciiBytes(
    `\r\nWEIGHT   ---- ${v.weightKg.toFixed(2)} kg\r\nHEIGHT   ---- ${v.heightCm.toFixed(1)} cm\r\nB  M  I  ----  ${bmi.toFixed(1)}\r\n\x1bT\x00`,
  );
}

export type TanitaSimModel = 'SC-240' | 'SC-330' | 'MC-780' | 'DC-320' | 'BC-418';

/** MC-780 segmental and impedance codes (code4fukui/bodychecker MC780A.js): what makes its lines 1,158–1,271 bytes. */
const mc780Extra = (() => {
  const segments = ['R', 'L', 'r', 'l', 'T'].flatMap((s) => ['F', 'f', 'M', 'm', 'S', 's'].map((k) => `${k}${s},0.0`));
  const impedance = ['H', 'R', 'L', 'r', 'l', 'F', 'M'].flatMap((s) =>
    ['a', 'c', 'G', 'H', 'R', 'X', 'J', 'K', 'L', 'Q', 'i', 'j'].map((k) => `${k}${s},000.0`),
  );
  return [...segments, ...impedance, 'pH,-6.0', 'mh,16.98', 'AS,25.8'].join(',');
})();

/** A Tanita line as the model writes it (keyed with CS, or the BC-418's bare values), kg/cm mode. */
export function tanitaFrame(v: ScaleValues, model: TanitaSimModel = 'SC-240'): Uint8Array {
  const bmi = (v.weightKg / (v.heightCm / 100) ** 2).toFixed(1);
  const weight = v.weightKg.toFixed(1);
  const height = v.heightCm.toFixed(1);
  if (model === 'BC-418')
    return asciiBytes(`"05/01/24","10:20",0,1,${height},${weight},22.1,13.5,47.7,34.9,40,${bmi},1420,512\r\n`);
  const when = {
    'SC-240': '',
    'SC-330': 'Da,"05/01/2024",TI,"10:20",',
    'MC-780': 'DT,"2024/01/05",TI,"10:20",',
    'DC-320': 'DA,"24/01/05",TI,"10:20",',
  }[model];
  const extra = model === 'MC-780' ? `${mc780Extra},` : '';
  const body = `{0,16,~0,1,~1,1,~2,1,MO,"${model}",${when}Pt,0.0,Wk,${weight},Hm,${height},MI,${bmi},FW,22.1,${extra}`;
  const end = model === 'SC-330' ? '}' : '';
  return asciiBytes(`${body}CS,${tanitaChecksum(body).toString(16).toUpperCase().padStart(2, '0')}${end}\r\n`);
}

export function masimoFrame(v: OxiValues | undefined, stamp = '01/05/24 10:20:00'): Uint8Array {
  const spo2 = v === undefined ? '---' : p3(v.spo2);
  const bpm = v === undefined ? '---' : p3(v.pulse);
  return asciiBytes(
    `${stamp} SN=0000012345 SPO2=${spo2}% BPM=${bpm} PI=03.60% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- ALARM=0000 EXC=000000\r\n`,
  );
}

export function contecFrame(v: OxiValues | undefined): Uint8Array {
  return v === undefined ? encodeContecPacket(127, 255, { fingerOut: true }) : encodeContecPacket(v.spo2, v.pulse);
}

/** `pid` is the whole PID segment: none by default, as a monitor with no patient entered sends it. */
export function oruMessage(v: MonitorValues, time = '20240105102000', pid = 'PID|||||^^^^^^U'): string {
  return (
    [
      `MSH|^~\\&|SIM_MONITOR|WARD1|CLINIC_EDGE|HOSP|${time}||ORU^R01^ORU_R01|${v.controlId}|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO`,
      pid,
      `OBR|1|${v.controlId}^SIM_MONITOR||182777000^monitoring of patient^SCT|||${time}`,
      `OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|${String(v.sys)}|266016^MDC_DIM_MMHG^MDC|||||R|||${time}`,
      `OBX|2|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|${String(v.dia)}|266016^MDC_DIM_MMHG^MDC|||||R|||${time}`,
      `OBX|3|NM|149546^MDC_PULS_RATE_NON_INV^MDC|1.0.1.4|${String(v.pulse)}|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||${time}`,
      `OBX|4|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.2.1|${String(v.spo2)}|262688^MDC_DIM_PERCENT^MDC|||||R|||${time}`,
      `OBX|5|NM|150344^MDC_TEMP^MDC|1.0.3.1|${v.tempC.toFixed(1)}|268192^MDC_DIM_DEGC^MDC|||||R|||${time}`,
      `OBX|6|NM|151562^MDC_RESP_RATE^MDC|1.0.4.1|${String(v.resp)}|264928^MDC_DIM_RESP_PER_MIN^MDC|||||R|||${time}`,
    ].join('\r') + '\r'
  );
}

export function hl7MllpFrame(v: MonitorValues): Uint8Array {
  return mllpWrap(oruMessage(v));
}

export function hl7RawFrame(v: MonitorValues): Uint8Array {
  return asciiBytes(oruMessage(v));
}

const defaultBp: BpValues = { sys: 128, dia: 82, pulse: 76 };
const defaultScale: ScaleValues = { heightCm: 165.5, weightKg: 61.2 };
const defaultOxi: OxiValues = { spo2: 97, pulse: 78 };

const tanitaSimModels = {
  'tanita-sc240': 'SC-240',
  'tanita-sc330': 'SC-330',
  'tanita-mc780': 'MC-780',
  'tanita-dc320': 'DC-320',
  'tanita-bc418': 'BC-418',
} as const;

/** A typical good frame per serial/TCP profile (HID records come from the fake HID device). */
export function sampleFrame(profile: ProfileName, seed = 0): Uint8Array {
  const bp = {
    sys: defaultBp.sys + (seed % 20),
    dia: defaultBp.dia + (seed % 7),
    pulse: defaultBp.pulse + (seed % 11),
  };
  const oxi = { spo2: 95 + (seed % 5), pulse: defaultOxi.pulse + (seed % 9) };
  switch (profile) {
    case 'hl7-mllp':
      return hl7MllpFrame({ ...bp, ...oxi, tempC: 36.8, resp: 16, controlId: `SIM${String(seed)}` });
    case 'hl7-raw-tcp':
      return hl7RawFrame({ ...bp, ...oxi, tempC: 36.8, resp: 16, controlId: `SIM${String(seed)}` });
    case 'omron-hbp9030':
      return omronHbp9030Frame(bp);
    case 'omron-hbp9020':
      return omronHbp9020Frame(bp, { date: '2024/01/05', time: `10:${String(seed % 60).padStart(2, '0')}` });
    case 'and-tm2657p':
      return andTm2657pFrame(bp);
    case 'terumo-bp500':
      return terumoFrame(bp, { date: '240105', time: `10${String(seed % 60).padStart(2, '0')}00` });
    case 'gtech-gl310':
      return seed % 2 === 0 ? gtechFrame(defaultScale) : gtechPrinterFrame(defaultScale);
    case 'tanita-sc240':
    case 'tanita-sc330':
    case 'tanita-mc780':
    case 'tanita-dc320':
    case 'tanita-bc418':
      return tanitaFrame(
        { heightCm: defaultScale.heightCm, weightKg: defaultScale.weightKg + (seed % 5) / 10 },
        tanitaSimModels[profile],
      );
    case 'masimo-rad8':
      return masimoFrame(oxi, `01/05/24 10:20:${String(seed % 60).padStart(2, '0')}`);
    case 'contec-cms50dplus':
      return contecFrame(oxi);
    case 'omron-hem790it':
      return new Uint8Array();
  }
}
