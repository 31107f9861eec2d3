/**
 * The composition root: builds every main-process service from plain Node pieces. It never imports
 * Electron, so the same node runs inside Electron (electron/main), behind the browser bridge
 * (npm run dev:browser), in the CLIs and in tests.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStationDb, type StationDb } from './db/stationDb.node.js';
import { stationMigrations } from './db/migrations.node.js';
import { SettingsService } from './settings/settingsService.node.js';
import { AuditLog } from './audit/auditLog.node.js';
import { EventBus } from './eventBus.node.js';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher.node.js';
import { createLogger, type Logger } from './logging/logger.node.js';
import { settingsHandlers } from './settings/settingsHandlers.node.js';
import { Doctor, databaseCheck, logFolderCheck, settingsCheck } from './doctor/doctor.node.js';
import { diskSpaceCheck } from './doctor/diskSpace.node.js';
import { DeviceService } from './devices/deviceService.node.js';
import { deviceHandlers } from './devices/deviceHandlers.node.js';
import { DemoDevices } from './devices/demoDevices.node.js';
import { StationHardware } from './station/stationHardware.node.js';
import { demoOffered } from './station/stationMode.std.js';
import { devicePortsCheck } from './devices/deviceDoctor.node.js';
import type { HidApi } from '../../drivers/devices/ports/hidBoundary.node.js';
import { CardService } from './card/cardService.node.js';
import { cardHandlers } from './card/cardHandlers.node.js';
import { cardReadersCheck, cardServiceCheck } from './card/cardDoctor.node.js';
import type { CardBackend } from '../../drivers/card/backend.std.js';
import type { HashCid } from './card/cidHash.node.js';
import { HospitalKey, hospitalKeyCheck, hospitalKeyStorageCheck, type KeySealer } from './identity/hospitalKey.node.js';
import { identityHandlers } from './identity/identityHandlers.node.js';
import { StaffSession } from './staff/staffSession.node.js';
import { staffHandlers } from './staff/staffHandlers.node.js';
import { StaffDirectory } from './staff/staffDirectory.node.js';
import { StaffAccountsFetch } from './staff/staffAccountsFetch.node.js';
import { seedDemoStaff } from './staff/demoStaff.node.js';
import { staffCheck } from './staff/staffDoctor.node.js';
import { diskEncryptionDoctorCheck } from './doctor/diskEncryption.node.js';
import { accessDenied } from '../contract/access.std.js';
import { SyncService, type SyncServiceOptions } from './sync/syncService.node.js';
import { syncHandlers } from './sync/syncHandlers.node.js';
import { syncCheck } from './sync/syncDoctor.node.js';
import { FileKeystore } from './sync/keystore.node.js';
import { PrinterService } from './printer/printerService.node.js';
import { printerHandlers } from './printer/printerHandlers.node.js';
import type { SystemPrinter } from './printer/systemPrinter.node.js';
import { ServicePointService, visitHandlers } from './visit/servicePointService.node.js';
import { AuthenService, type AuthenServiceOptions } from './nhso/authenService.node.js';
import { nhsoHandlers } from './nhso/nhsoHandlers.node.js';
import { nhsoVerdict } from './nhso/nhsoDoctor.std.js';
import type { EventPayload } from '../contract/contract.std.js';

export interface EdgeNodeOptions {
  /** Where the station database and logs live (Electron's userData in the app). */
  readonly dataDir: string;
  /** better-sqlite3's addon built for Electron's ABI (Electron main passes it; plain Node uses the package's own). */
  readonly sqliteBinding?: string | undefined;
  /**
   * First-run setup preselects a demo station (default: EDGE_DEMO=1). Only the mode stored at setup makes a
   * station demo (virtual card, simulated devices on request, demo-tagged records and audit).
   */
  readonly offerDemo?: boolean;
  readonly echoLogs?: boolean;
  readonly logLevel?: string;
  /** Bedside devices: TCP bind address (loopback in tests), a fake HID boundary; autoStart false (the doctor) only probes the ports. */
  readonly devices?: {
    readonly tcpHost?: string;
    readonly hid?: HidApi;
    readonly hidPollMs?: number;
    readonly autoStart?: boolean;
  };
  /** ID card: a given card stack (tests; kept whatever the mode), or 'off' for nodes that never touch PC/SC (most tests); a cid hash. */
  readonly card?: { readonly backend?: CardBackend | 'off'; readonly hashCid?: HashCid };
  /** Sync with central: the keystore (default: a 0600 file in dataDir; the app passes safeStorage), probe policy, session timing. */
  readonly sync?: Partial<Pick<SyncServiceOptions, 'keystore' | 'policy' | 'session' | 'autoStart'>>;
  /**
   * NHSO authen: the agent address when IT stored none (default http://127.0.0.1:8189), retry timing, a test client;
   * autoStart false (the doctor) leaves waiting requests to the running station.
   */
  readonly nhso?: Partial<Pick<AuthenServiceOptions, 'defaultAgentUrl' | 'policy' | 'client'>> & {
    readonly autoStart?: boolean;
  };
  /** Staff sign-in: the clock the idle lock and lockouts read (tests move it). */
  readonly staff?: { readonly now?: () => Date };
  /**
   * Queue-slip printer: how long a print may take before it counts as timed out (tests shorten it); the system
   * printer (the app passes Electron's printing, browser mode a Chromium PDF).
   */
  readonly printer?: { readonly timeoutMs?: number; readonly system?: SystemPrinter };
  /** The OS keystore that seals the hospital key (the app passes safeStorage; elsewhere a plain 0600 file). */
  readonly keySealer?: KeySealer;
}

export interface EdgeNode {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly log: Logger;
  readonly db: StationDb;
  readonly settings: SettingsService;
  readonly audit: AuditLog;
  readonly staff: StaffSession;
  readonly staffDirectory: StaffDirectory;
  readonly doctor: Doctor;
  readonly devices: DeviceService;
  readonly card: CardService | null;
  readonly sync: SyncService;
  readonly nhso: AuthenService;
  readonly dataDir: string;
  readonly logDir: string;
  close(): Promise<void>;
}

export async function createEdgeNode(options: EdgeNodeOptions): Promise<EdgeNode> {
  mkdirSync(options.dataDir, { recursive: true });
  const logDir = join(options.dataDir, 'logs');
  const sink = await createLogger({ logDir, echo: options.echoLogs ?? false, level: options.logLevel ?? 'info' });
  const log = sink.log;
  const dbFile = join(options.dataDir, 'station.sqlite');
  const db = openStationDb(dbFile, stationMigrations, options.sqliteBinding);
  const events = new EventBus();
  const settings = new SettingsService(
    db,
    (changed) => events.emit('settings.changed', changed),
    options.offerDemo ?? demoOffered(process.env),
  );
  const audit = new AuditLog(
    db,
    () => settings.get().stationId,
    () => settings.mode() === 'demo',
  );
  const staffDirectory = new StaffDirectory(db);
  // The card service is made later (and remade when the station's mode changes): read through this.
  let cardForStaff: () => CardService | null = () => null;
  const staff = new StaffSession({
    audit,
    directory: staffDirectory,
    ...(options.staff?.now === undefined ? {} : { now: options.staff.now }),
    changed: (onDuty) => events.emit('staff.changed', onDuty),
    cardKey: () => cardForStaff()?.staffCardKey() ?? null,
  });
  const idleTimer = setInterval(() => staff.checkIdle(), 15_000);
  idleTimer.unref();
  const doctor = new Doctor();
  doctor.addCheck(settingsCheck(settings));
  doctor.addCheck(databaseCheck(db, dbFile));
  doctor.addCheck(logFolderCheck(logDir, () => sink.writeFailure()));
  doctor.addCheck(diskSpaceCheck(options.dataDir));
  doctor.addCheck(diskEncryptionDoctorCheck(options.dataDir));
  const hospitalKey = new HospitalKey(options.dataDir, options.keySealer);
  hospitalKey.onChange((info) => events.emit('identity.keyChanged', info));
  doctor.addCheck(hospitalKeyCheck(hospitalKey));
  doctor.addCheck(hospitalKeyStorageCheck(hospitalKey));
  const sync = new SyncService({
    db,
    events,
    log,
    audit,
    settings,
    hospitalKey,
    keystore: options.sync?.keystore ?? new FileKeystore(options.dataDir),
    ...options.sync,
  });
  doctor.addCheck(syncCheck(sync));
  const staffFetch = new StaffAccountsFetch(staffDirectory, audit, log, () => staff.accountsChanged());
  doctor.addCheck(staffCheck(staffDirectory));
  sync.onLinkUp((session, hcode) => staffFetch.run(session, hcode));
  if (settings.mode() === 'demo') await seedDemoStaff(staffDirectory);
  const devices = new DeviceService({
    db,
    events,
    log,
    audit,
    patientIdOfCid: (cid) => hospitalKey.patientId(cid),
    ...options.devices,
  });
  if (options.devices?.autoStart !== false) devices.start();
  doctor.addCheck(
    devicePortsCheck(devices, {
      procDir: '/proc',
      hidDevices: () => devices.hidDevices(),
      serialPaths: () => devices.serialPaths(),
    }),
  );
  const cardBackend = options.card?.backend;
  const newCard = (backend: CardBackend | undefined): CardService =>
    new CardService({
      db,
      events,
      log,
      audit,
      backend,
      hashCid: options.card?.hashCid ?? ((cid) => hospitalKey.cidHash(cid)),
      // Nobody on duty and the card is a staff member's own: it signs them in instead of opening a patient.
      staffCard: (cid) => {
        if (staff.current().staff !== null) return null;
        const key = hospitalKey.patientId(cid);
        return staffDirectory.byCardKey(key) === undefined ? null : key;
      },
      onStaffCard: (key) => {
        const account = key === null ? undefined : staffDirectory.byCardKey(key);
        if (account !== undefined)
          events.emit('staff.cardPresented', { code: account.code, name: account.name, role: account.role });
      },
    });
  const station = new StationHardware({
    mode: () => settings.mode(),
    card: cardBackend === 'off' ? null : { make: newCard, given: cardBackend },
    demoDevices: () => new DemoDevices(devices),
    log,
  });
  cardForStaff = () => station.card;
  if (cardBackend !== 'off') {
    doctor.addCheck(cardServiceCheck(() => station.card));
    doctor.addCheck(cardReadersCheck(() => station.card));
  }

  const nhso = new AuthenService({
    db,
    events,
    log,
    audit,
    hashCid: (cid) => hospitalKey.cidHash(cid),
    hcode: () => settings.get().hcode,
    ...options.nhso,
  });
  doctor.addCheck(async () => nhsoVerdict(await nhso.health()));
  // The doctor's node never sends requests: the running station does, and two senders could ask twice.
  if (options.nhso?.autoStart !== false) {
    nhso.start();
    // Central reachable again means GIN is back: the NHSO behind the agent likely is too, so waiting requests go now.
    events.subscribe((name, payload) => {
      if (name === 'sync.kick' && (payload as EventPayload<'sync.kick'>).reason === 'link_up') void nhso.retryNow();
    });
  }

  const handlers: Handlers = {
    // Setup may make this a demo station: its virtual card and devices are there before setup answers.
    ...settingsHandlers(
      settings,
      audit,
      doctor,
      () => station.apply(),
      async (mode) => {
        if (mode === 'demo') await seedDemoStaff(staffDirectory);
      },
    ),
    ...deviceHandlers(devices, () => station.demoDevices),
    ...cardHandlers(
      () => station.card,
      () => station.demo,
    ),
    ...identityHandlers(hospitalKey, audit),
    ...staffHandlers(staff, staffDirectory, staffFetch, sync, audit),
    ...syncHandlers(sync),
    ...printerHandlers(new PrinterService({ db, audit, log, ...options.printer })),
    ...nhsoHandlers(nhso),
    ...visitHandlers(new ServicePointService(db, audit)),
  };
  // Every command asks: the settings and the account count are read only for the few commands they decide.
  const dispatch = createDispatcher(handlers, log, (name) =>
    accessDenied(name, {
      ...staff.access(),
      get configured() {
        return settings.get().configured;
      },
      get noAccounts() {
        return staffDirectory.count() === 0;
      },
    }),
  );
  log.info({ dataDir: options.dataDir, mode: settings.mode() }, 'edge node started');

  return {
    dispatch,
    events,
    log,
    db,
    settings,
    audit,
    staff,
    staffDirectory,
    doctor,
    devices,
    get card() {
      return station.card;
    },
    dataDir: options.dataDir,
    logDir,
    sync,
    nhso,
    async close() {
      await nhso.close();
      clearInterval(idleTimer);
      await sync.close();
      await station.close();
      await devices.close();
      db.close();
      await sink.close();
    },
  };
}
