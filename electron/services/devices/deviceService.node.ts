/**
 * The device service of the main process: opens every configured port with its profile, keeps the
 * binding (which patient this station is measuring), and answers the devices.* commands.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { EventBus } from '../eventBus.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import {
  isValidPortId,
  type Binding,
  type CodeMapEntry,
  type DeviceListing,
  type Hl7Dialect,
  type InboxItem,
  type ListenerSettings,
  type PortStatus,
  type ReadingSubject,
} from '../../contract/devices.std.js';
import type { Reading } from '../../../drivers/devices/parsers/reading.std.js';
import { EdgeError } from '../../contract/result.std.js';
import { checkCodeMapEntry } from '../../../drivers/devices/parsers/customCodeMap.std.js';
import { profileNames, profiles, type DeviceProfile, type ProfileName } from '../../../drivers/devices/profiles.std.js';
import { ManagedSerialPort, listSerialPorts } from '../../../drivers/devices/ports/serialPortManager.node.js';
import { TcpListener } from '../../../drivers/devices/ports/tcpListener.node.js';
import { HidSource } from '../../../drivers/devices/ports/hidSource.node.js';
import {
  nodeHidApi,
  parseHidPort,
  type HidApi,
  type HidDeviceDescriptor,
} from '../../../drivers/devices/ports/hidBoundary.node.js';
import { OMRON_PID, OMRON_VID } from '../../../drivers/devices/parsers/omronHem790it.std.js';
import { DeviceInbox, type PendingFilter } from './deviceInbox.node.js';
import { PortRunner, closedStatus } from './portRunner.node.js';
import { DeviceSettings, type ListenerInput } from './deviceSettings.node.js';
import { invalidEntries } from '../../../drivers/devices/ports/sourcePolicy.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

/** How often done-with inbox rows older than the retention are pruned while the station runs. */
const PRUNE_INTERVAL_MS = 6 * 3_600_000;

export interface DeviceServiceOptions {
  readonly db: StationDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly audit: AuditLog;
  /** Address TCP listeners bind to: all interfaces for monitors on the ward LAN, loopback in tests. */
  readonly tcpHost?: string;
  readonly hid?: HidApi;
  readonly hidPollMs?: number;
  readonly now?: () => Date;
  /** Identical keyless frames on one port within this window are one reading (default RESEND_WINDOW_MS). */
  readonly resendWindowMs?: number;
  /** A citizen id's keyed Patient id (the hospital key's identity.patientId): how an HL7 PID's CID is matched. */
  readonly patientIdOfCid?: (cid: string) => string;
}

export type Transport = 'serial' | 'tcp' | 'hid' | 'demo';

export function transportOf(port: string): Transport {
  if (port.startsWith('tcp:')) return 'tcp';
  if (port.startsWith('hid:')) return 'hid';
  if (port.startsWith('demo:')) return 'demo';
  return 'serial';
}

export class DeviceService {
  readonly inbox: DeviceInbox;
  readonly settings: DeviceSettings;
  #pruneTimer: ReturnType<typeof setInterval> | undefined;
  readonly #options: DeviceServiceOptions;
  readonly #runners = new Map<string, PortRunner>();
  readonly #now: () => Date;
  #hid: HidApi | undefined;
  #started = false;

  constructor(options: DeviceServiceOptions) {
    this.#options = options;
    this.inbox = new DeviceInbox(options.db, options.resendWindowMs);
    this.settings = new DeviceSettings(options.db);
    this.#now = options.now ?? (() => new Date());
    this.#hid = options.hid;
  }

  /**
   * Opens every enabled configured port. One bad saved port (an impossible id, a listener that throws)
   * is reported on its own status and in the doctor; the station and the other ports keep running.
   */
  start(): void {
    this.#started = true;
    this.prune();
    this.#pruneTimer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    this.#pruneTimer.unref();
    for (const row of this.inbox.ports()) if (row.enabled) this.#openReported(row.port, row.profile);
  }

  /** Deletes charted, discarded and unreadable inbox rows older than the retention; pending rows stay. */
  prune(): number {
    try {
      const pruned = this.inbox.prune(this.settings.retentionDays(), this.#now());
      if (pruned > 0) this.#options.log.info({ pruned }, 'device inbox pruned');
      return pruned;
    } catch (error) {
      this.#options.log.warn({ err: errorMessage(error) }, 'device inbox prune failed');
      return 0;
    }
  }

  /** IT sets how many days done-with inbox rows are kept, and they are pruned now. */
  setRetention(days: number): { days: number; pruned: number } {
    this.settings.setRetentionDays(days);
    this.#options.audit.append({ action: 'devices.retention', detail: { days } });
    return { days, pruned: this.prune() };
  }

  /** IT sets a TCP listener's allow-list and limits; a running listener restarts with them. */
  async setListener(input: ListenerInput): Promise<ListenerSettings> {
    if (transportOf(input.port) !== 'tcp')
      throw new EdgeError('device_listener_tcp_only', `${input.port} is not a network port`);
    const bad = invalidEntries(input.allow);
    if (bad.length > 0) throw new EdgeError('device_allow_invalid', `not an address or subnet: ${bad.join(', ')}`);
    const settings = this.settings.setListener(input, this.#now());
    this.#options.audit.append({ action: 'devices.listener', detail: { ...settings } });
    const row = this.inbox.ports().find((p) => p.port === input.port);
    if (row !== undefined && row.enabled && this.#started) {
      const previous = this.#runners.get(input.port);
      this.#runners.delete(input.port);
      await previous?.stop();
      this.#openReported(row.port, row.profile);
    }
    return settings;
  }

  /** Whether this service runs the configured ports (false in `npm run doctor`, which only probes them). */
  get started(): boolean {
    return this.#started;
  }

  /** Enumerates serial ports (never opens one). */
  async serialPaths(): Promise<string[]> {
    return (await listSerialPorts()).map((port) => port.path);
  }

  /** Enumerates HID devices (never opens one). */
  hidDevices(): Promise<HidDeviceDescriptor[]> {
    return this.#hidApi().devices();
  }

  async close(): Promise<void> {
    if (this.#pruneTimer !== undefined) clearInterval(this.#pruneTimer);
    const runners = [...this.#runners.values()];
    this.#runners.clear();
    await Promise.all(runners.map((runner) => runner.stop()));
  }

  statuses(): PortStatus[] {
    const configured = this.inbox.ports().map((row): PortStatus => {
      const running = this.#runners.get(row.port);
      return (
        running?.currentStatus ?? {
          ...closedStatus(
            row.port,
            profiles[row.profile],
            dialectOf(row.profile, row.dialect),
            this.#now(),
            'disabled',
          ),
          ...this.inbox.lastFrames(row.port),
        }
      );
    });
    const extra = [...this.#runners.values()].filter((r) => transportOf(r.port) === 'demo').map((r) => r.currentStatus);
    return [...configured, ...extra];
  }

  runner(port: string): PortRunner | undefined {
    return this.#runners.get(port);
  }

  async configure(
    port: string,
    profile: ProfileName | null,
    enabled: boolean,
    dialect: Hl7Dialect = 'auto',
  ): Promise<PortStatus[]> {
    if (profile !== null) this.#checkTransport(port, profile);
    const previous = this.#runners.get(port);
    this.#runners.delete(port);
    await previous?.stop();
    this.inbox.setPort(port, profile, enabled, this.#now(), dialect);
    this.#options.audit.append({
      action: 'devices.configure',
      detail: { port, profile, enabled, ...(profile !== null && isHl7(profile) ? { dialect } : {}) },
    });
    // Not started (the doctor): the setting is stored, the port left to the app.
    if (profile !== null && enabled && this.#started) this.#openReported(port, profile);
    return this.statuses();
  }

  async list(): Promise<DeviceListing> {
    const serial = await listSerialPorts().catch(() => []);
    const hid = await this.#hidApi()
      .devices()
      .catch(() => []);
    return {
      serial,
      hid: hid.map((d) => ({
        ...d,
        knownProfile: d.vendorId === OMRON_VID && d.productId === OMRON_PID ? 'omron-hem790it' : null,
      })),
      configured: this.statuses(),
      profiles: profileNames.map((name) => listedProfile(profiles[name])),
    };
  }

  binding(): Binding {
    return this.inbox.binding();
  }

  bind(patientRef: string | null): Binding {
    return this.inbox.bind(patientRef, this.#now());
  }

  pending(filter: PendingFilter): InboxItem[] {
    return this.inbox.pending(filter);
  }

  assign(input: { id: string; from: string | null; patientRef: string; overrideSubject: boolean }): InboxItem {
    const item = this.inbox.assign({ ...input, now: this.#now() });
    this.#options.audit.append({
      action: 'devices.assign',
      detail: { id: input.id, fromUnassigned: input.from === null, overrideSubject: input.overrideSubject },
    });
    return item;
  }

  confirm(id: string, patientRef: string, chartedIds: readonly string[]): { item: InboxItem; alreadyCharted: boolean } {
    const result = this.inbox.confirm(id, patientRef, chartedIds, this.#now());
    if (!result.alreadyCharted)
      this.#options.audit.append({ action: 'devices.confirm', detail: { id, observations: chartedIds.length } });
    return result;
  }

  discard(id: string, reason: string): InboxItem {
    const item = this.inbox.discard(id, reason, this.#now());
    this.#options.audit.append({ action: 'devices.discard', detail: { id, reason } });
    return item;
  }

  /** A port fed by code instead of hardware (demo mode): same pipeline, same inbox. */
  addVirtualPort(port: string, profile: ProfileName): PortRunner {
    const runner = this.#runner(port, profile);
    runner.status('open', null, 'simulated device');
    return runner;
  }

  #openReported(port: string, profile: ProfileName): void {
    if (!isValidPortId(port)) {
      this.#runner(port, profile).status('closed', 'device_port_invalid', port);
      this.#options.log.warn({ port }, 'saved device port is not usable');
      return;
    }
    try {
      this.#open(port, profile);
    } catch (error) {
      const detail = errorMessage(error);
      this.#runners.get(port)?.status('closed', 'device_port_open_failed', detail);
      this.#options.log.warn({ port, err: detail }, 'device port failed to start');
    }
  }

  #open(port: string, profile: ProfileName): void {
    const runner = this.#runner(port, profile);
    const transport = transportOf(port);
    const definition = profiles[profile];
    if (transport === 'tcp') {
      const policy = this.settings.policy(port);
      if (policy !== undefined) runner.limitFrames(policy.framesPerMinute);
      runner.source = new TcpListener(Number(port.slice(4)), this.#options.tcpHost ?? '0.0.0.0', runner, policy);
    } else if (transport === 'hid') {
      const ids = parseHidPort(port) ?? { vendorId: OMRON_VID, productId: OMRON_PID };
      runner.source = new HidSource(this.#hidApi(), ids, runner, this.#options.hidPollMs ?? 1000);
    } else {
      runner.source = new ManagedSerialPort(
        port,
        definition.serial ?? { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
        runner,
      );
    }
    runner.source.start();
  }

  /** IT replaces its HL7 code map; running ports use it from their next message. */
  setCodeMap(entries: readonly CodeMapEntry[]): CodeMapEntry[] {
    // The same rules as IT's editor and `device listen --code-map`: the renderer is not trusted to have applied them.
    const refused = entries.map(checkCodeMapEntry).findIndex((check) => !check.ok);
    if (refused >= 0)
      throw new EdgeError('device_code_map_invalid', `code map entry ${refused + 1}: ${entries[refused]?.code ?? ''}`);
    const saved = this.settings.setCodeMap(entries, this.#now());
    this.#options.audit.append({ action: 'devices.codeMap', detail: { entries: saved.length } });
    return saved;
  }

  #runner(port: string, profile: ProfileName): PortRunner {
    const row = this.inbox.ports().find((p) => p.port === port);
    const dialect = dialectOf(profile, row?.dialect ?? 'auto');
    const runner = new PortRunner(port, profiles[profile], {
      ...(dialect === null ? {} : { hl7: () => ({ dialect, custom: this.settings.customEntries() }) }),
      inbox: this.inbox,
      events: this.#options.events,
      log: this.#options.log,
      subjectOf: (reading) => this.#subjectOf(reading),
      now: this.#now,
    });
    this.#runners.set(port, runner);
    return runner;
  }

  #subjectOf(reading: Reading): ReadingSubject | null {
    const named = reading.subject;
    if (named === undefined) return null;
    const hash = this.#options.patientIdOfCid;
    return {
      patientRef: named.cid === undefined || hash === undefined ? null : hash(named.cid),
      hn: named.hn ?? null,
      disagree: named.disagree === true,
    };
  }

  #checkTransport(port: string, profile: ProfileName): void {
    const transport = transportOf(port);
    if (transport === 'demo') return;
    if (!profiles[profile].transports.includes(transport)) {
      throw new EdgeError('device_profile_transport', `${profile} does not run on ${transport} ports`);
    }
  }

  #hidApi(): HidApi {
    this.#hid ??= nodeHidApi();
    return this.#hid;
  }
}

/** A profile as IT picks it: its transports, and the baud and framing a serial device must be set to. */
function listedProfile(profile: DeviceProfile): DeviceListing['profiles'][number] {
  const serial = profile.serial === undefined ? null : { ...profile.serial, xon: profile.serial.xon ?? false };
  return {
    name: profile.name,
    label: profile.label,
    transports: [...profile.transports],
    confidence: profile.confidence,
    serial,
    defaultTcpPort: profile.defaultTcpPort ?? null,
  };
}

function isHl7(profile: ProfileName): boolean {
  return profiles[profile].ack !== undefined;
}

/** HL7 ports carry a dialect; other profiles none. */
function dialectOf(profile: ProfileName, dialect: Hl7Dialect): Hl7Dialect | null {
  return isHl7(profile) ? dialect : null;
}
