/**
 * A station configured with a hospital hub (issue 15 §1): one Replicator at a time, over the hub on the LAN when
 * it answers, else over central directly (`choosePath`). Both are the same hospital database with the same
 * rules, the hub relaying to central, so a document is the same id and revisions whichever way it goes:
 * CouchDB's revision trees make the second arrival a no-op, never a copy. Each path keeps its own PouchDB
 * checkpoints (they are named after the remote), so switching back does not read a feed again from the start.
 * The replicator itself is unchanged; this only chooses its remote and swaps it.
 */
import type { ReplicationReport } from './report.std.js';
import type { Database } from '../store/pouch.dom.js';
import { Replicator, type ReplicatorOptions } from './replicator.dom.js';
import { choosePath, type PathLinks, type SyncPath } from './syncPath.std.js';

/** What a running replication offers the runner and the tests (the Replicator, or this). */
export interface ReplicationHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
  kick(): void;
  idle(): Promise<void>;
  report(): ReplicationReport;
  onReport(listener: (report: ReplicationReport) => void): () => void;
}

export interface HubFailoverOptions extends Omit<ReplicatorOptions, 'remote'> {
  readonly remotes: Readonly<Record<SyncPath, Database>>;
  /** Whether each link answers now (main's probes in the app; a request in tests). */
  readonly links: () => Promise<PathLinks>;
  /** How often the links are checked. */
  readonly checkEveryMs?: number;
  /** Told when the path changes (the dashboard shows it). */
  readonly onPath?: (path: SyncPath) => void;
}

export const DEFAULT_PATH_CHECK_MS = 2_000;

export class HubFailover implements ReplicationHandle {
  readonly #options: HubFailoverOptions;
  readonly #listeners = new Set<(report: ReplicationReport) => void>();
  #path: SyncPath | null = null;
  #current: Replicator | null = null;
  #unsubscribe: (() => void) | null = null;
  #last: ReplicationReport | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #switching: Promise<void> = Promise.resolve();
  #stopped = true;
  #links: PathLinks | null = null;

  constructor(options: HubFailoverOptions) {
    this.#options = options;
    if (options.onReport !== undefined) this.#listeners.add(options.onReport);
  }

  /** The link replication runs over now (null before start). */
  get path(): SyncPath | null {
    return this.#path;
  }

  onReport(listener: (report: ReplicationReport) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<void> {
    this.#stopped = false;
    await this.#check();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#switching;
    await this.#replace(null);
  }

  kick(): void {
    this.#current?.kick();
  }

  async idle(): Promise<void> {
    await this.#switching;
    await this.#current?.idle();
  }

  /** The running replicator's report, naming the path it runs over. */
  report(): ReplicationReport {
    const report = this.#current?.report() ?? this.#last;
    if (report === null) throw new Error('HubFailover.report() before start()');
    return this.#path === null ? report : { ...report, path: this.#path };
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // A failed check is tried again at the next one (the runner hears of a failed start from start()).
      void this.#check()
        .catch(() => undefined)
        .finally(() => this.#schedule());
    }, this.#options.checkEveryMs ?? DEFAULT_PATH_CHECK_MS);
  }

  /** Asks the links and moves replication if another path is the one to use. */
  #check(): Promise<void> {
    const run = this.#switching.then(async () => {
      const links = await this.#options.links().catch((): PathLinks => ({ hub: false, central: false }));
      const next = choosePath(this.#path, links);
      const returned = this.#path !== null && this.#links !== null && !this.#links[this.#path] && links[this.#path];
      this.#links = links;
      if (this.#stopped) return;
      if (next !== this.#path || this.#current === null) await this.#replace(next);
      // Its link is back: start again now rather than after the replicator's back-off (main's probe does this for central).
      else if (returned) this.#current.kick();
    });
    // One failed switch must not stop every later one.
    this.#switching = run.catch(() => undefined);
    return run;
  }

  /** Stops the running replicator (its last write answered first: Replicator.stop) and starts one over `path`. */
  async #replace(path: SyncPath | null): Promise<void> {
    const old = this.#current;
    this.#current = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (old !== null) {
      this.#last = old.report();
      await old.stop();
    }
    if (path === null || this.#stopped) return;
    const { remotes, links: _links, checkEveryMs: _every, onPath, onReport: _onReport, ...rest } = this.#options;
    const replicator = new Replicator({ ...rest, remote: remotes[path] });
    this.#unsubscribe = replicator.onReport((report) => {
      for (const listener of this.#listeners) listener({ ...report, path });
    });
    this.#current = replicator;
    this.#path = path;
    onPath?.(path);
    try {
      await replicator.start();
    } catch (error) {
      // Not started: the next check starts one again.
      this.#current = null;
      this.#unsubscribe();
      this.#unsubscribe = null;
      await replicator.stop().catch(() => undefined);
      throw error;
    }
  }
}
