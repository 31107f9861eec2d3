/**
 * Bedside devices: what the renderer can ask of the device service and what it is told.
 * A reading is stored in the station's device inbox (SQLite) before anything else happens; the renderer
 * shows pending readings for the bound patient, the nurse confirms (the renderer writes the FHIR
 * Observations under content ids starting with `readingObservationPrefix(id)`, then calls devices.confirm with
 * them) or discards.
 */
import { z } from 'zod';
import { command } from './define.std.js';
import { HL7_DIALECTS } from '../../drivers/devices/parsers/hl7Dialect.std.js';
import { DeviceReading, SkippedValue } from '../../drivers/devices/parsers/reading.std.js';
import { CodeMapEntry } from '../../drivers/devices/parsers/customCodeMap.std.js';

export { DeviceReading, ReadingValue, SkippedValue } from '../../drivers/devices/parsers/reading.std.js';
export { HL7_DIALECTS } from '../../drivers/devices/parsers/hl7Dialect.std.js';
/** IT's own HL7 code map: OBX-3 as a monitor sends it → a vital, with the unit it implies (one home: the driver). */
export {
  CODE_MAP_PROBLEM_TEXT,
  CodeMapEntry,
  MAPPABLE_VITALS,
  checkCodeMapEntry,
  type CodeMapProblem,
} from '../../drivers/devices/parsers/customCodeMap.std.js';
export { invalidEntries } from '../../drivers/devices/ports/sourcePolicy.std.js';
export { SKIP_REASON_TEXT, type SkipReason } from '../../drivers/devices/parsers/skipReasons.std.js';
export {
  notUnderstoodWords,
  summariseSkipped,
  unknownCodes,
  type SkipCount,
} from '../../drivers/devices/parsers/skipSummary.std.js';
import { profileNames } from '../../drivers/devices/profileNames.std.js';
import { PORT_STATES } from '../../drivers/devices/ports/portState.std.js';

export const ProfileName = z.enum(profileNames);
export type ProfileName = z.infer<typeof ProfileName>;

/**
 * Is this a port the station can open? A serial path (/dev/ttyUSB0, COM3), `tcp:PORT` with PORT 1–65535 for
 * HL7 monitors, or `hid:VVVV:PPPP` (hex ids). Also checked on stored settings at start, so a bad saved port
 * is reported instead of stopping the station.
 */
export function isValidPortId(port: string): boolean {
  if (port.length === 0 || port.length > 200 || /\s/.test(port)) return false;
  if (port.startsWith('tcp:')) {
    if (!/^tcp:\d{1,5}$/.test(port)) return false;
    const number = Number(port.slice(4));
    return number >= 1 && number <= 65535;
  }
  if (port.startsWith('hid:')) return /^hid:[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/.test(port);
  return true;
}

export const PortId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isValidPortId, { message: 'a serial path, tcp:1-65535 or hid:VVVV:PPPP' });

/** A patient reference as the renderer's record store names it (never a citizen id). */
export const PatientRef = z.string().regex(/^[A-Za-z0-9._:/-]{1,128}$/);

/** The simulated devices of a demo station, one Vitals button each: blood pressure, glucose, SpO2, an HL7 monitor. */
export const DEMO_DEVICE_PROFILES = ['omron-hbp9030', 'gtech-gl310', 'masimo-rad8', 'hl7-mllp'] as const;
export const DemoDeviceProfile = z.enum(DEMO_DEVICE_PROFILES);
export type DemoDeviceProfile = z.infer<typeof DemoDeviceProfile>;

export const Hl7Dialect = z.enum(HL7_DIALECTS);
export type Hl7Dialect = z.infer<typeof Hl7Dialect>;

export const InboxStatus = z.enum(['pending', 'charted', 'discarded', 'error']);
export type InboxStatus = z.infer<typeof InboxStatus>;

/** The station's binding when a reading arrived: who it was measured on unless the nurse moves it. */
export const ArrivalBinding = z.object({ patientRef: z.string().nullable(), boundAt: z.string().nullable() });
export type ArrivalBinding = z.infer<typeof ArrivalBinding>;

/**
 * Who the message itself names (HL7 PID): the keyed Patient id of its citizen id (hashed in main with the
 * hospital key, never the citizen id) and its HN; `disagree` when it names two different people.
 */
export const ReadingSubject = z.object({
  patientRef: z.string().nullable(),
  hn: z.string().nullable(),
  disagree: z.boolean(),
});
export type ReadingSubject = z.infer<typeof ReadingSubject>;

export const InboxItem = z.object({
  id: z.string(),
  receivedAt: z.string(),
  port: z.string(),
  profile: z.string(),
  status: InboxStatus,
  /** The patient the reading is for now: the arrival binding, or whoever the nurse moved it to. */
  patientRef: z.string().nullable(),
  /** Null for readings stored before arrivals were recorded. */
  arrival: ArrivalBinding.nullable(),
  subject: ReadingSubject.nullable(),
  /** The patient the nurse charted it to over what the message names (a monitor left on an old patient). */
  subjectOverride: z.string().nullable(),
  reading: DeviceReading.nullable(),
  errorCode: z.string().nullable(),
  /** What the frame held that was not charted, each with its reason (empty when everything was). */
  skipped: z.array(SkippedValue),
  chartedIds: z.array(z.string()),
  /** Why the nurse discarded it (status 'discarded'). */
  discardReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const PortState = z.enum(PORT_STATES);
export type PortState = z.infer<typeof PortState>;

export const PortStatus = z.object({
  port: z.string(),
  profile: ProfileName,
  state: PortState,
  /** A device error code (deviceErrors.std.ts) when the port is not working. */
  errorCode: z.string().nullable(),
  detail: z.string().nullable(),
  since: z.string(),
  lastFrameAt: z.string().nullable(),
  /** HL7 ports: the dialect IT picked; null for other profiles. */
  dialect: Hl7Dialect.nullable(),
  /**
   * The last frame that held values not charted: how many were charted and what was set aside, so IT sees
   * "received, 3 values not understood (codes …)" instead of a monitor that seems to be working.
   */
  lastNotTaken: z.object({ at: z.string(), charted: z.number().int(), skipped: z.array(SkippedValue) }).nullable(),
  /** How often the port came back after being lost since it was started or last configured (a loose cable shows here). */
  reconnects: z.number().int(),
});
export type PortStatus = z.infer<typeof PortStatus>;

/** Whether the frame that set values aside is the port's latest (a later one charted whole makes it history). */
export function notTakenIsLatest(status: Pick<PortStatus, 'lastFrameAt' | 'lastNotTaken'>): boolean {
  if (status.lastNotTaken === null) return false;
  return status.lastFrameAt === null || Date.parse(status.lastFrameAt) <= Date.parse(status.lastNotTaken.at);
}

export const SerialPortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
});
export const HidDeviceInfo = z.object({
  path: z.string().nullable(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().nullable(),
  manufacturer: z.string().nullable(),
  /** The profile this device is known to speak, when we know it (Omron HEM-790IT). */
  knownProfile: ProfileName.nullable(),
});

export const SerialFraming = z.object({
  baudRate: z.number().int(),
  dataBits: z.number().int(),
  parity: z.enum(['none', 'odd', 'even']),
  stopBits: z.number().int(),
  xon: z.boolean(),
});
export type SerialFraming = z.infer<typeof SerialFraming>;

export const DeviceListing = z.object({
  serial: z.array(SerialPortInfo),
  hid: z.array(HidDeviceInfo),
  configured: z.array(PortStatus),
  profiles: z.array(
    z.object({
      name: ProfileName,
      label: z.string(),
      transports: z.array(z.enum(['serial', 'tcp', 'hid'])),
      confidence: z.enum(['H', 'M', 'L']),
      /** Baud and framing the station opens a serial port with for this profile (IT sets the device to match). */
      serial: SerialFraming.nullable(),
      defaultTcpPort: z.number().int().nullable(),
    }),
  ),
});
export type DeviceListing = z.infer<typeof DeviceListing>;

export const Binding = z.object({ patientRef: PatientRef.nullable(), boundAt: z.string().nullable() });
export type Binding = z.infer<typeof Binding>;

export const DeviceErrorEvent = z.object({
  port: z.string(),
  profile: z.string(),
  code: z.string(),
  detail: z.string(),
  /** The inbox row that keeps the bad frame, when it was a whole frame. */
  inboxId: z.string().nullable(),
  at: z.string(),
});
export type DeviceErrorEvent = z.infer<typeof DeviceErrorEvent>;

/** The nurse's reason for discarding a reading: kept on the inbox row and in the audit log (never patient data). */
export const DiscardReason = z.string().trim().min(1).max(200);

/** IT's settings for one ward TCP listener: who may connect, and how much (see sourcePolicy.std.ts). */
export const ListenerSettings = z.object({
  port: PortId,
  allow: z.array(z.string().trim().min(1).max(64)).max(64),
  maxConnectionsPerSource: z.number().int().min(1).max(64),
  maxConnections: z.number().int().min(1).max(1024),
  idleTimeoutMs: z.number().int().min(1000).max(86_400_000),
  framesPerMinute: z.number().int().min(1).max(6000),
});
export type ListenerSettings = z.infer<typeof ListenerSettings>;

export const devicesCommands = {
  'devices.list': command(z.object({}).strict(), DeviceListing),
  /** Set the profile of a port (profile null removes the port). */
  'devices.configure': command(
    z
      .object({
        port: PortId,
        profile: ProfileName.nullable(),
        enabled: z.boolean().default(true),
        dialect: Hl7Dialect.default('auto'),
      })
      .strict(),
    z.array(PortStatus),
  ),
  /**
   * Readings not yet charted, newest first: for one patient, plus (by default) the unassigned ones; with
   * includeOtherPatients every pending reading whoever it is bound to. Page with beforeId (the last id of
   * the previous page) until a page comes back shorter than limit.
   */
  /**
   * IT sets a TCP listener's allow-list (addresses or CIDR subnets, IPv4 or IPv6) and limits; limits left out
   * keep their current value (or the default). The listener restarts with them. Nothing connects before this.
   */
  'devices.listener': command(
    ListenerSettings.partial({
      maxConnectionsPerSource: true,
      maxConnections: true,
      idleTimeoutMs: true,
      framesPerMinute: true,
    }).strict(),
    ListenerSettings,
  ),
  /** IT's own code map for HL7 monitors nobody has mapped yet (tried after the port's dialect); replaces the whole map. */
  'devices.setCodeMap': command(z.object({ entries: z.array(CodeMapEntry).max(500) }).strict(), z.array(CodeMapEntry)),
  'devices.codeMap': command(z.object({}).strict(), z.array(CodeMapEntry)),
  /** Every TCP listener's settings (a listener with none refuses every connection). */
  'devices.listeners': command(z.object({}).strict(), z.array(ListenerSettings)),
  /** How long charted, discarded and unreadable inbox rows are kept (pending ones always are); prunes now. */
  'devices.retention': command(
    z.object({ days: z.number().int().min(1).max(3650) }).strict(),
    z.object({ days: z.number().int(), pruned: z.number().int() }),
  ),
  'devices.pending': command(
    z
      .object({
        patientRef: PatientRef.optional(),
        includeUnassigned: z.boolean().default(true),
        includeOtherPatients: z.boolean().default(false),
        beforeId: z.string().min(1).max(64).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.array(InboxItem),
  ),
  /** Bind this station to a patient (the card just read, or the queue item picked); null unbinds. */
  'devices.bind': command(z.object({ patientRef: PatientRef.nullable() }).strict(), Binding),
  'devices.binding': command(z.object({}).strict(), Binding),
  /**
   * Move a pending reading (unassigned, or for another patient) to a patient. `from` is the patient the nurse
   * was shown it was for: a reading moved meanwhile is refused (device_reading_moved), never moved twice
   * unseen. `overrideSubject` records that she chose this patient over the one the message names.
   */
  'devices.assign': command(
    z
      .object({
        id: z.string().min(1).max(64),
        from: PatientRef.nullable(),
        patientRef: PatientRef,
        overrideSubject: z.boolean().default(false),
      })
      .strict(),
    InboxItem,
  ),
  /**
   * The renderer wrote these Observations for the reading: mark it charted (idempotent). `patientRef` is the
   * patient it charted the reading under; an unassigned reading, or one now for someone else, is refused.
   */
  'devices.confirm': command(
    z
      .object({
        id: z.string().min(1).max(64),
        patientRef: PatientRef,
        chartedIds: z.array(z.string().min(1).max(200)).min(1).max(20),
      })
      .strict(),
    z.object({ item: InboxItem, alreadyCharted: z.boolean() }),
  ),
  'devices.discard': command(z.object({ id: z.string().min(1).max(64), reason: DiscardReason }).strict(), InboxItem),
  /** Demo station only: make a simulated device (one, or each of them) send one reading now. */
  'devices.simulate': command(
    z.object({ profile: DemoDeviceProfile.optional() }).strict(),
    z.object({ sent: z.number().int() }),
  ),
} as const;

export const devicesEvents = {
  'devices.reading': InboxItem,
  'devices.status': PortStatus,
  'devices.error': DeviceErrorEvent,
} as const;

/** What the ids of the Observations charted from one inbox reading start with (decided in the record model). */
export { readingObservationPrefix } from '../../sync/model/readingChart.std.js';
