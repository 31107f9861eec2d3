/**
 * Numbered migrations of the station database. Never edit one that has shipped: add the next number.
 * Features append theirs here (device inbox details, card cache, sync journal).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const stationMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings and audit log',
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        station TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_hash TEXT,
        detail TEXT
      );
      -- Append-only: the database itself refuses to change or remove an audit entry.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'device inbox',
    sql: `
      CREATE TABLE device_inbox (
        id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        source TEXT NOT NULL,
        profile TEXT NOT NULL,
        raw BLOB NOT NULL,
        reading TEXT,
        error_code TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        patient_ref TEXT,
        charted_ids TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX device_inbox_status ON device_inbox (status, received_at);
    `,
  },
  {
    version: 4,
    name: 'device ports, binding, inbox dedupe key',
    sql: `
      -- A frame that carries its own identity (HL7 control id, device clock + values) is kept once per port,
      -- so an ACK retry or a memory re-download never makes a second pending reading.
      ALTER TABLE device_inbox ADD COLUMN dedupe_key TEXT;
      CREATE UNIQUE INDEX device_inbox_dedupe ON device_inbox (source, dedupe_key) WHERE dedupe_key IS NOT NULL;
      CREATE INDEX device_inbox_patient ON device_inbox (patient_ref, status);
      CREATE TABLE device_ports (port TEXT PRIMARY KEY, profile TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL);
      CREATE TABLE device_binding (id INTEGER PRIMARY KEY CHECK (id = 1), patient_ref TEXT, bound_at TEXT);
    `,
  },
  {
    version: 3,
    name: 'card photo cache and cid hash key',
    sql: `
      -- Photos the front desk already stored, by keyed cid hash and card issue date: the next read skips the photo.
      CREATE TABLE card_photo_stored (
        cid_hash TEXT NOT NULL,
        issue_date TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (cid_hash, issue_date)
      );
      CREATE TABLE card_station_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL, created_at TEXT NOT NULL);
    `,
  },
  {
    version: 5,
    name: 'device inbox: raw-frame hash for keyless dedupe, discard reason',
    sql: `
      -- Devices with no sequence number or clock (Omron HBP-9030) re-send identical bytes: the same port and
      -- raw-frame hash seen again within a short window is one reading (seen_at slides with each re-send).
      ALTER TABLE device_inbox ADD COLUMN raw_sha256 TEXT;
      ALTER TABLE device_inbox ADD COLUMN seen_at TEXT;
      ALTER TABLE device_inbox ADD COLUMN discard_reason TEXT;
      CREATE INDEX device_inbox_raw ON device_inbox (source, raw_sha256, seen_at);
    `,
  },
  {
    version: 6,
    name: 'sync config and last replication report',
    sql: `
      -- What IT configured for central (never the password: that is in the keystore) and the renderer's last report.
      CREATE TABLE sync_config (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        central_url TEXT NOT NULL,
        username TEXT NOT NULL,
        ca_pem TEXT,
        configured_at TEXT NOT NULL
      );
      CREATE TABLE sync_report (id INTEGER PRIMARY KEY CHECK (id = 1), report TEXT NOT NULL, reported_at TEXT NOT NULL);
    `,
  },
  {
    version: 7,
    name: 'link probe history',
    sql: `
      -- One row per probe of central (pruned after 48 h): reachable = central answered at all; up = reachable and
      -- the station's session works. at is epoch milliseconds.
      CREATE TABLE link_probe (at INTEGER NOT NULL, reachable INTEGER NOT NULL, up INTEGER NOT NULL, error_code TEXT, rtt_ms REAL);
      CREATE INDEX link_probe_at ON link_probe (at);
    `,
  },
  {
    version: 8,
    name: 'audit log: demo station entries',
    sql: `
      -- Entries a demo station writes are marked, so its made-up trail is never read as a real patient's.
      ALTER TABLE audit_log ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 9,
    name: 'device inbox: who a reading was measured on',
    sql: `
      -- The binding when the reading arrived (JSON {patientRef, boundAt}; never changed, NULL for older rows),
      -- who the message itself names (HL7 PID: keyed Patient id of the citizen id, HN, whether they disagree),
      -- and the patient the nurse chose over the message's own identifiers.
      ALTER TABLE device_inbox ADD COLUMN arrival TEXT;
      ALTER TABLE device_inbox ADD COLUMN subject TEXT;
      ALTER TABLE device_inbox ADD COLUMN subject_override TEXT;
    `,
  },
  {
    version: 10,
    name: 'ward listener allow-lists, device inbox retention',
    sql: `
      -- Per TCP listener (port 'tcp:N'): the sources IT allows (JSON array of addresses/CIDR subnets) and its
      -- limits. A listener with no row accepts no connection.
      CREATE TABLE device_listeners (
        port TEXT PRIMARY KEY,
        allow TEXT NOT NULL,
        max_per_source INTEGER NOT NULL,
        max_total INTEGER NOT NULL,
        idle_ms INTEGER NOT NULL,
        frames_per_minute INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- Charted, discarded and unreadable inbox rows older than this are pruned; pending rows never are.
      CREATE TABLE device_settings (id INTEGER PRIMARY KEY CHECK (id = 1), inbox_retention_days INTEGER NOT NULL);
    `,
  },
  {
    version: 11,
    name: 'device inbox: sender address, retention index',
    sql: `
      -- The network address a frame came from (NULL for serial/HID): HL7 control ids are unique per sender, so
      -- a host cannot pre-empt a monitor's ids. The index serves retention pruning.
      ALTER TABLE device_inbox ADD COLUMN sender TEXT;
      CREATE INDEX device_inbox_closed ON device_inbox (status, updated_at);
    `,
  },
  {
    version: 12,
    name: 'device inbox notes, HL7 dialect per port, IT code map',
    sql: `
      -- What a frame held that was not charted, each with its reason (JSON array; NULL: nothing set aside).
      ALTER TABLE device_inbox ADD COLUMN skipped TEXT;
      -- The HL7 dialect IT picked for a port ('auto': recognised from the message header).
      ALTER TABLE device_ports ADD COLUMN dialect TEXT NOT NULL DEFAULT 'auto';
      -- IT's own OBX-3 code → vital map for a monitor nobody has seen yet (unit: implied when OBX-6 is empty).
      CREATE TABLE hl7_code_map (code TEXT PRIMARY KEY, loinc TEXT NOT NULL, unit TEXT, updated_at TEXT NOT NULL);
    `,
  },
  {
    version: 13,
    name: 'staff accounts, sign-in attempts, idle lock',
    sql: `
      -- The hospital's staff accounts as this station knows them: from central's secrets database ('central'),
      -- added at this station by IT ('station'), or a demo station's own ('demo'). pin_hash is scrypt.
      CREATE TABLE staff_accounts (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        active INTEGER NOT NULL,
        pin_hash TEXT NOT NULL,
        card_key TEXT,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX staff_accounts_card ON staff_accounts (card_key);
      -- Wrong PINs per code (kept over a restart, so a restart never lifts a lockout).
      CREATE TABLE staff_attempts (code TEXT PRIMARY KEY, failures INTEGER NOT NULL, lockouts INTEGER NOT NULL, locked_until INTEGER);
      CREATE TABLE staff_settings (id INTEGER PRIMARY KEY CHECK (id = 1), idle_minutes INTEGER NOT NULL);
    `,
  },
  {
    version: 14,
    name: 'NHSO authen requests and agent address',
    sql: `
      -- One request per visit for an NHSO authen code through the agent on this station. The citizen id and the
      -- mobile number are needed to ask (and ask again) and are kept only while the request is open: the CHECKs
      -- make the database refuse an open request without them and a finished one with them.
      CREATE TABLE nhso_authen (
        id TEXT PRIMARY KEY,
        encounter_id TEXT NOT NULL UNIQUE,
        patient_id TEXT NOT NULL,
        cid_hash TEXT NOT NULL,
        cid TEXT,
        mobile TEXT,
        claim_type TEXT NOT NULL,
        hn TEXT,
        correlation_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'got_code', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        error_code TEXT,
        claim_code TEXT,
        claimed_at TEXT,
        stored_on_encounter INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((state IN ('pending', 'retrying')) = (cid IS NOT NULL)),
        CHECK ((state IN ('pending', 'retrying')) = (mobile IS NOT NULL)),
        CHECK ((state = 'got_code') = (claim_code IS NOT NULL))
      );
      CREATE INDEX nhso_authen_open ON nhso_authen (state, next_attempt_at);
      CREATE TABLE nhso_settings (id INTEGER PRIMARY KEY CHECK (id = 1), agent_url TEXT NOT NULL, updated_at TEXT NOT NULL);
    `,
  },
  {
    version: 15,
    name: 'queue-slip printer per station',
    sql: `
      -- IT's receipt printer for queue slips: raw TCP (host, port; usually 9100) or a serial port (path, baud).
      CREATE TABLE printer_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        transport TEXT NOT NULL CHECK (transport IN ('tcp', 'serial')),
        host TEXT,
        port INTEGER,
        path TEXT,
        baud_rate INTEGER,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 16,
    name: 'clinics / service points a visit goes to',
    sql: `
      -- IT's list of clinics / service points (Encounter.serviceType). Never deleted, only switched off: past
      -- visits keep their name in both languages. Seeded with sync/model/visitDetails DEFAULT_SERVICE_POINTS.
      CREATE TABLE service_points (
        code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
        th TEXT NOT NULL CHECK (length(th) > 0),
        en TEXT NOT NULL CHECK (length(en) > 0),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        position INTEGER NOT NULL
      );
      INSERT INTO service_points (code, th, en, active, position) VALUES
        ('opd', 'ตรวจโรคทั่วไป', 'General OPD', 1, 0),
        ('ncd', 'คลินิกโรคเรื้อรัง', 'NCD clinic', 1, 1),
        ('anc', 'ฝากครรภ์', 'Antenatal care (ANC)', 1, 2),
        ('dental', 'ทันตกรรม', 'Dental', 1, 3),
        ('well-child', 'คลินิกเด็กดี', 'Well-child clinic', 1, 4),
        ('thai-med', 'แพทย์แผนไทย', 'Thai traditional medicine', 1, 5),
        ('er', 'ห้องฉุกเฉิน', 'Emergency room', 1, 6);
    `,
  },
  {
    version: 17,
    name: 'queue-slip printer on USB printer class or the system printer',
    sql: `
      -- SQLite cannot change a CHECK: the table is made again with the two new kinds (usb: path of the
      -- printer-class device; system: the OS printer's name, '' for the default) and the row copied over.
      CREATE TABLE printer_settings_17 (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        transport TEXT NOT NULL CHECK (transport IN ('tcp', 'serial', 'usb', 'system')),
        host TEXT,
        port INTEGER,
        path TEXT,
        baud_rate INTEGER,
        device_name TEXT,
        updated_at TEXT NOT NULL
      );
      INSERT INTO printer_settings_17 (id, transport, host, port, path, baud_rate, updated_at)
        SELECT id, transport, host, port, path, baud_rate, updated_at FROM printer_settings;
      DROP TABLE printer_settings;
      ALTER TABLE printer_settings_17 RENAME TO printer_settings;
    `,
  },
  {
    version: 18,
    name: "link probes: the hospital hub's beside central's",
    sql: `
      -- Which link a probe checked: 'central' (every earlier row) or 'hub', the hospital hub on the LAN, so the
      -- IT dashboard's 24 h chart shows both links.
      ALTER TABLE link_probe ADD COLUMN link TEXT NOT NULL DEFAULT 'central';
      CREATE INDEX link_probe_link_at ON link_probe (link, at);
    `,
  },
];
