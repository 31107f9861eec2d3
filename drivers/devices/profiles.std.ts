/**
 * Device profiles: what IT picks per port. A profile says how to open the port, how to cut the byte
 * stream into frames, how to decode a frame, and whether/how to acknowledge. Pure data + pure functions.
 */
import type { Framer } from './parsers/framing.std.js';
import type { ProfileName } from './profileNames.std.js';

export { isProfileName, profileNames, type ProfileName } from './profileNames.std.js';
import type { DecodeContext, DecodeResult, DeviceRanges } from './parsers/reading.std.js';
import { createMllpFramer, decodeOru, RawHl7Framer } from './parsers/hl7.std.js';
import { mindrayLegacyCodeMap, freeTextCodeMap } from './parsers/hl7Codes.std.js';
import {
  HBP9030_RANGES,
  createCsvLineFramer,
  createHbp9030Framer,
  decodeOmronHbp9020,
  decodeOmronHbp9030,
} from './parsers/omronHbp.std.js';
import { createAndTm2657pFramer, decodeAndTm2657p } from './parsers/andTm2657p.std.js';
import { createTerumoFramer, decodeTerumoBp500 } from './parsers/terumoBp500.std.js';
import { GtechFramer, decodeGtech } from './parsers/gtechGl310.std.js';
import { createTanitaFramer, decodeTanita } from './parsers/tanita.std.js';
import { TANITA_MODELS, type TanitaModel } from './parsers/tanitaModels.std.js';
import { createMasimoFramer, decodeMasimoRad8 } from './parsers/masimoRad8.std.js';
import { createContecFramer, decodeContecPacket } from './parsers/contecCms50dPlus.std.js';
import { WholeChunkFramer } from './parsers/framing.std.js';
import { decodeHem790itRecord } from './parsers/omronHem790it.std.js';

export interface SerialSettings {
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'odd' | 'even';
  readonly stopBits: 1 | 2;
  readonly xon?: boolean;
}

export type Confidence = 'H' | 'M' | 'L';

export interface DeviceProfile {
  readonly name: ProfileName;
  readonly label: string;
  readonly kind: 'bp' | 'scale' | 'oximeter' | 'monitor';
  /** serial: a COM/tty port; tcp: we listen; hid: USB HID through node-hid. HL7 MLLP also runs on serial. */
  readonly transports: readonly ('serial' | 'tcp' | 'hid')[];
  readonly serial?: SerialSettings;
  readonly defaultTcpPort?: number;
  createFramer(): Framer;
  decode(frame: Uint8Array, ctx: DecodeContext): DecodeResult;
  /** HL7 profiles answer each message with an ACK once it is stored. */
  readonly ack?: 'mllp' | 'raw';
  /** A line that goes quiet this long ends the pending frame (raw HL7 has no end marker). */
  readonly idleFlushMs?: number;
  /**
   * Streaming oximeters send a value every packet: keep one reading once it is steady for `stableSamples`
   * samples, then at most one per `holdMs` while the finger stays in.
   */
  readonly continuous?: { readonly stableSamples: number; readonly holdMs: number; readonly tolerance: number };
  /**
   * The device's stated measurement limits, applied by its decoder (narrower than the vocabulary's ranges), only
   * where a cited source states them (the constant names it): the HBP-9030's. Every other profile keeps the
   * vocabulary's ranges until its manual's limits are found.
   */
  readonly deviceRanges?: DeviceRanges;
  readonly source: string;
  readonly confidence: Confidence;
}

const bp8n1 = (baudRate: number): SerialSettings => ({ baudRate, dataBits: 8, parity: 'none', stopBits: 1 });

/** A Tanita scale: the one family parser with the model's data (baud not in the sources: 9600 assumed). */
function tanita(model: TanitaModel, label: string, source: string, confidence: Confidence): DeviceProfile {
  return {
    name: model.profile,
    label,
    kind: 'scale',
    transports: ['serial'],
    serial: bp8n1(9600),
    createFramer: () => createTanitaFramer(model),
    decode: (frame, ctx) => decodeTanita(frame, ctx, model),
    source,
    confidence,
  };
}

export const profiles: Readonly<Record<ProfileName, DeviceProfile>> = {
  'hl7-mllp': {
    name: 'hl7-mllp',
    label: 'HL7 v2 ORU^R01 over MLLP (IHE PCD-01 monitors)',
    kind: 'monitor',
    transports: ['tcp', 'serial'],
    serial: bp8n1(9600),
    defaultTcpPort: 2575,
    createFramer: createMllpFramer,
    decode: (frame, ctx) => decodeOru(frame, ctx, { fallbackMaps: [mindrayLegacyCodeMap] }),
    ack: 'mllp',
    source: 'HL7 MLLP; IHE PCD-01 test messages; caowm/pds-server device-item.js (Mindray legacy ids)',
    confidence: 'H',
  },
  'hl7-raw-tcp': {
    name: 'hl7-raw-tcp',
    label: 'HL7 v2 ORU^R01 over raw TCP without MLLP (Thai HIS add-ons)',
    kind: 'monitor',
    transports: ['tcp'],
    defaultTcpPort: 1234,
    createFramer: () => new RawHl7Framer(),
    decode: (frame, ctx) => decodeOru(frame, ctx, { fallbackMaps: [mindrayLegacyCodeMap, freeTextCodeMap] }),
    ack: 'raw',
    idleFlushMs: 150,
    source: 'unattributed Hospital-OS add-on (reference §A5)',
    confidence: 'L',
  },
  'omron-hbp9030': {
    name: 'omron-hbp9030',
    label: 'Omron HBP-9030 kiosk BP (format 5, or recognised from the line)',
    kind: 'bp',
    transports: ['serial'],
    serial: bp8n1(9600),
    createFramer: createHbp9030Framer,
    decode: (frame, ctx) => decodeOmronHbp9030(frame, ctx),
    deviceRanges: HBP9030_RANGES,
    source:
      'BP_checker lib/BP_Parser.h (format 5) and test/host/test_hbp9030_protocol.cpp (limits: testRanges); Thai kiosk apps (MDI/EnvisionIE and a second script), reference §A2',
    confidence: 'M',
  },
  'omron-hbp9020': {
    name: 'omron-hbp9020',
    label: 'Omron HBP-9020 kiosk BP (CSV, Mode 5 F3)',
    kind: 'bp',
    transports: ['serial'],
    serial: bp8n1(2400),
    createFramer: createCsvLineFramer,
    decode: decodeOmronHbp9020,
    source: 'Thai kiosk app MDI/EnvisionIE, reference §A2',
    confidence: 'M',
  },
  'and-tm2657p': {
    name: 'and-tm2657p',
    label: 'A&D TM-2657P kiosk BP (STX/ETX, RS-separated)',
    kind: 'bp',
    transports: ['serial'],
    serial: bp8n1(2400),
    createFramer: createAndTm2657pFramer,
    decode: decodeAndTm2657p,
    source: 'MDI/EnvisionIE; audy018/bmhsmartbp bp2his.py, reference §A2',
    confidence: 'M',
  },
  'terumo-bp500': {
    name: 'terumo-bp500',
    label: 'Terumo BP-500 kiosk BP (STX R1 … ETX + check)',
    kind: 'bp',
    transports: ['serial'],
    serial: bp8n1(9600),
    createFramer: createTerumoFramer,
    decode: (frame, ctx) => decodeTerumoBp500(frame, ctx),
    source: 'MDI/EnvisionIE, reference §A2 (check character unverified: sum or BCC accepted, see parser)',
    confidence: 'M',
  },
  'gtech-gl310': {
    name: 'gtech-gl310',
    label: 'G-Tech GL-150/GL-310 height-weight scale',
    kind: 'scale',
    transports: ['serial'],
    serial: bp8n1(9600),
    createFramer: () => new GtechFramer(),
    decode: decodeGtech,
    source: 'MDI/EnvisionIE, reference §A2',
    confidence: 'M',
  },
  'tanita-sc240': tanita(
    TANITA_MODELS['tanita-sc240'],
    'Tanita SC-240 body composition scale',
    'eightypop/sc240scale lib/tanita-scale.js; SC-240 manual output sample (CS = sum mod 256), reference §A2 (baud unverified)',
    'M',
  ),
  'tanita-sc330': tanita(
    TANITA_MODELS['tanita-sc330'],
    'Tanita SC-330 body composition scale',
    'a public SC-330 serial-to-web bridge (README log and TanitaDataModel.java); baud unverified',
    'M',
  ),
  'tanita-mc780': tanita(
    TANITA_MODELS['tanita-mc780'],
    'Tanita MC-780 segmental body composition analyser (long lines)',
    'code4fukui/bodychecker MC780A.js and MC780A.test.js; baud unverified',
    'M',
  ),
  'tanita-dc320': tanita(
    TANITA_MODELS['tanita-dc320'],
    'Tanita DC-320 body composition scale',
    'a public DC-320 kiosk script (sample line in a comment); date order and baud unverified',
    'L',
  ),
  'tanita-bc418': tanita(
    TANITA_MODELS['tanita-bc418'],
    'Tanita BC-418 segmental body composition analyser',
    'obiba/onyx Bc418InstrumentRunner.java (field order); no captured line public; baud unverified',
    'L',
  ),
  'masimo-rad8': {
    name: 'masimo-rad8',
    label: 'Masimo Rad-8 pulse oximeter (ASCII 1 mode)',
    kind: 'oximeter',
    transports: ['serial'],
    serial: bp8n1(9600),
    createFramer: createMasimoFramer,
    decode: decodeMasimoRad8,
    continuous: { stableSamples: 5, holdMs: 60_000, tolerance: 1 },
    source: 'yahnatan/pulseox README; remkolems/masimo-datacapture, reference §A3',
    confidence: 'M',
  },
  'contec-cms50dplus': {
    name: 'contec-cms50dplus',
    label: 'Contec CMS50D+ pulse oximeter (5-byte live packets)',
    kind: 'oximeter',
    transports: ['serial'],
    serial: { baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 1, xon: true },
    createFramer: createContecFramer,
    decode: decodeContecPacket,
    continuous: { stableSamples: 180, holdMs: 60_000, tolerance: 1 },
    source: 'atbrask/CMS50Dplus cms50dplus.py, reference §A3',
    confidence: 'H',
  },
  'omron-hem790it': {
    name: 'omron-hem790it',
    label: 'Omron HEM-790IT (USB HID memory download)',
    kind: 'bp',
    transports: ['hid'],
    // The HID session hands whole 14-byte GME records to the pipeline, one per push.
    createFramer: () => new WholeChunkFramer(),
    decode: decodeHem790itRecord,
    source: 'openyou/libomron doc/omron_protocol_notes.asciidoc, reference §A4',
    confidence: 'H',
  },
};
