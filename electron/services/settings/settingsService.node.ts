/** Station settings kept in SQLite: hospital code, station id and name, central URL, language, real or demo. */
import { randomUUID } from 'node:crypto';
import type { StationDb } from '../db/stationDb.node.js';
import type { SetupInput, StationSettings, Language, StationMode } from '../../contract/settings.std.js';
import { Hcode, suggestQueuePrefix } from '../../contract/settings.std.js';
import { EdgeError } from '../../contract/result.std.js';
import { stationUserName } from '../../../sync/central/designDocs.std.js';
import { queuePrefixFor } from '../../../sync/model/encounter.std.js';
import { modeAtSetup, offeredMode, runningMode } from '../station/stationMode.std.js';
import {
  DEFAULT_WORKING_SET_DAYS,
  MAX_WORKING_SET_DAYS,
  MIN_WORKING_SET_DAYS,
} from '../../../sync/replication/workingSet.std.js';

type Key =
  | 'hcode'
  | 'stationId'
  | 'stationName'
  | 'queuePrefix'
  | 'centralUrl'
  | 'language'
  | 'stationMode'
  | 'workingSetDays'
  | 'hubUrl';

export class SettingsService {
  readonly #db: StationDb;
  readonly #onChange: (settings: StationSettings) => void;
  readonly #offered: StationMode;

  /** `offerDemo`: setup preselects demo (EDGE_DEMO=1); it never makes a station demo by itself. */
  constructor(db: StationDb, onChange: (settings: StationSettings) => void = () => undefined, offerDemo = false) {
    this.#db = db;
    this.#onChange = onChange;
    this.#offered = offeredMode(offerDemo);
    // Until setup the station has a random id (audit entries of the setup itself); setup gives it its central
    // identity, the author of every record it writes.
    if (this.#read('stationId') === null) this.#write({ stationId: randomUUID() });
  }

  get(): StationSettings {
    const hcode = this.#read('hcode');
    const stationName = this.#read('stationName');
    const queuePrefix = this.#read('queuePrefix');
    const language = this.#read('language');
    const configured = hcode !== null && stationName !== null && queuePrefix !== null;
    return {
      configured,
      hcode,
      stationId: this.#read('stationId') ?? '',
      stationName,
      queuePrefix,
      centralUrl: this.#read('centralUrl'),
      language: language === 'en' ? 'en' : 'th',
      mode: configured ? this.mode() : this.#offered,
    };
  }

  /** The mode the station runs in: demo only when setup stored demo. */
  mode(): StationMode {
    return runningMode(this.#storedMode());
  }

  /** A station set up before stations had a mode is a real one. */
  #storedMode(): string | null {
    return this.#read('stationMode') ?? (this.#read('hcode') === null ? null : 'real');
  }

  setup(input: SetupInput): StationSettings {
    if (!Hcode.safeParse(input.hcode).success) throw new EdgeError('invalid_hcode', 'hcode must be 5 digits');
    const queuePrefix =
      input.queuePrefix ??
      (input.stationCode === undefined ? suggestQueuePrefix(input.stationName) : queuePrefixFor(input.stationCode));
    const stationCode = input.stationCode ?? queuePrefix.toLowerCase();
    const mode = modeAtSetup(this.#storedMode(), input.mode);
    if (mode === 'changed')
      throw new EdgeError('station_mode_fixed', `the station is already a ${this.mode()} station`);
    this.#write({
      stationMode: mode,
      hcode: input.hcode,
      stationId: stationUserName(input.hcode, stationCode),
      stationName: input.stationName.trim(),
      queuePrefix,
      centralUrl: input.centralUrl ?? null,
    });
    return this.#changed();
  }

  /** Days of visits and readings the station pulls and keeps (IT's setting, default 30). */
  workingSetDays(): number {
    const stored = Number(this.#read('workingSetDays'));
    return Number.isInteger(stored) && stored >= MIN_WORKING_SET_DAYS && stored <= MAX_WORKING_SET_DAYS
      ? stored
      : DEFAULT_WORKING_SET_DAYS;
  }

  setWorkingSetDays(days: number): number {
    if (!Number.isInteger(days) || days < MIN_WORKING_SET_DAYS || days > MAX_WORKING_SET_DAYS)
      throw new EdgeError('invalid_input', `working set: ${MIN_WORKING_SET_DAYS}-${MAX_WORKING_SET_DAYS} days`);
    this.#write({ workingSetDays: String(days) });
    return days;
  }

  /** The hospital hub's base URL (IT's setting), or null for none. */
  hubUrl(): string | null {
    const stored = this.#read('hubUrl');
    return stored === null || stored === '' ? null : stored;
  }

  setHubUrl(url: string | null): void {
    this.#write({ hubUrl: url });
  }

  setLanguage(language: Language): StationSettings {
    this.#write({ language });
    return this.#changed();
  }

  #changed(): StationSettings {
    const settings = this.get();
    this.#onChange(settings);
    return settings;
  }

  #read(key: Key): string | null {
    const row = this.#db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
    return row === undefined ? null : (JSON.parse(row.value) as string | null);
  }

  #write(values: Partial<Record<Key, string | null>>): void {
    const upsert = this.#db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const now = new Date().toISOString();
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value ?? null), now);
    })();
  }
}
