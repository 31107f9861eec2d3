/**
 * Live two-way replication of the station store with `clinic_<hcode>` on central, and the honest account of
 * it that the dashboard shows. Batches of 500 (measured best), PouchDB checkpoints kept on the station only, skip_setup; local design
 * documents stay local. Conflicts that arrive are settled by the rules at once; what they cannot settle,
 * and every document central refuses, is listed with its reason and never counted as sent.
 */
import type { ConflictItem, PurgeReport, Rejection, ReplicationReport, StoreUse, SyncState } from './report.std.js';
import type { SyncErrorCode } from './syncErrors.std.js';
import type { ReplicationStore } from '../store/ports.dom.js';
import type { Database } from '../store/pouch.dom.js';
import { failureOf, keptLocalDeletion, rejectionOf } from './failures.std.js';
import { remoteWritesSettled } from './remote.dom.js';
import { classifyFailure, replicationBackOff } from './linkPolicy.std.js';
import { resolveConflicts, type ResolveContext } from './resolver.dom.js';
import { pullSelector, pullWindow, type PullWindow } from './workingSet.std.js';
import {
  needsInitialPull,
  pullStart,
  pushStart,
  pushStartOf,
  remoteKey,
  type InitialPullState,
} from './initialPull.std.js';
import { InitialPullCancelled, initialPull } from './initialPull.dom.js';
import { purgeOutsideWindow } from './purge.dom.js';
import { pushFilterFor, type PushCandidate } from './pushFilter.std.js';
import { errorMessage } from '../model/errorMessage.std.js';

/** Station-only records (`_local/edge-<name>`, DataContext.readLocal). */
const STATE_DOC = 'sync-state';
/** The pull's window (workingSet.std.ts): its cutoff names the pull's checkpoint, so it is kept here. */
const WINDOW_DOC = 'working-set';
/** A sync started this recently is still making its first requests: a kick would only restart it. */
const KICK_GRACE_MS = 3_000;
/** How long a restart waits for the cancelled replication's last `_bulk_docs` to be answered. */
const CANCEL_SETTLE_MS = 15_000;
/** What left the window is purged after an up-to-date sync at most this often. */
export const PURGE_EVERY_MS = 20 * 3_600_000;

type LiveSync = PouchDB.Replication.Sync<object>;
type OneShot = PouchDB.Replication.Replication<object>;
/** PouchDB's Sync has its two replications as `push` and `pull`; @types/pouchdb leaves them out. */
type LiveSyncParts = LiveSync & { readonly push: OneShot; readonly pull: OneShot };
/** What a verify run found: null = both directions complete, else why not; superseded = cancelled by a newer run. */
type VerifyOutcome = SyncErrorCode | null | 'superseded';

interface Persisted {
  lastPushedSeq: number | string;
  docsUp: number;
  docsDown: number;
  lastSuccessAt: string | null;
  conflictsResolved: number;
  conflicts: ConflictItem[];
  rejections: Rejection[];
  lastPurge: PurgeReport | null;
}

export interface ReplicatorOptions {
  readonly store: ReplicationStore;
  readonly remote: Database;
  readonly resolve: ResolveContext;
  readonly batchSize?: number;
  readonly batchesLimit?: number;
  readonly onReport?: (report: ReplicationReport) => void;
  /**
   * Pull only the working set of this many days (workingSet.std.ts), filtered on central; the push is never
   * filtered. Left out, the whole hospital is pulled.
   */
  readonly workingSetDays?: number;
  /** The station's clock, for the window (tests skew it). */
  readonly now?: () => Date;
}

type Listener = (report: ReplicationReport) => void;

/** The stored window and where the first read of it stands (initialPull.std.ts); absent on older stations. */
interface StoredWindow extends PullWindow {
  readonly initial?: InitialPullState;
}

/**
 * Checkpoints live on the station only: central's `_local` documents are writable by every station of the
 * hospital and never validated, so a forged one there could make this station skip records.
 */
const PUSH_CHECKPOINT = { checkpoint: 'source' } as const;
const PULL_CHECKPOINT = { checkpoint: 'target' } as const;

export class Replicator {
  readonly #options: ReplicatorOptions;
  readonly #listeners = new Set<Listener>();
  /** Only what central accepts from this station goes up (pushFilter.std.ts). */
  readonly #pushable: (doc: PushCandidate) => boolean;
  #sync: LiveSync | null = null;
  #syncStartedAt = 0;
  /** Set while a restart waits for the cancelled replication's last write (see CANCEL_SETTLE_MS). */
  #restarting: Promise<void> | null = null;
  /** The one-shot push/pull of a verify in progress: cancelled when anything else starts pushing. */
  readonly #verifyRuns = new Set<OneShot>();
  #verifyEpoch = 0;
  #unwatch: (() => void) | null = null;
  /** `id@rev` pulled from central since the last verified push: in the local changes feed, but not pending. */
  readonly #fromCentral = new Set<string>();
  #state: SyncState = 'connecting';
  #errorCode: SyncErrorCode | null = null;
  #pending = 0;
  #persisted: Persisted = {
    lastPushedSeq: 0,
    docsUp: 0,
    docsDown: 0,
    lastSuccessAt: null,
    conflictsResolved: 0,
    conflicts: [],
    rejections: [],
    lastPurge: null,
  };
  #stateRev: string | undefined;
  #work: Promise<void> = Promise.resolve();
  #saving: Promise<void> = Promise.resolve();
  #settling: Promise<void> = Promise.resolve();
  #stopped = true;
  #warmHold: (() => void) | null = null;
  /** Bumped on every failure: a verify that began before one must not report up_to_date after it. */
  #failures = 0;
  /** Batches the live sync has landed (its 'change' events). */
  #landed = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #verifyBackOffMs = 0;
  /** The pull's selector (null: the whole hospital), fixed at start so the live pull and a verify share one checkpoint. */
  #pullFilter: { readonly selector: Record<string, unknown> } | null = null;
  /** The stored window with its first read's state, and the local record's revision. */
  #window: { value: StoredWindow; rev: string | undefined } | null = null;
  /** The remote's name without credentials: what the first read's marker is kept under. */
  readonly #remoteKey: string;
  /** The first read of the window in progress (awaited by stop). */
  #initialRun: Promise<void> | null = null;
  /** The browser's storage estimate, read at start and after each purge. */
  #storage: { usageBytes: number | null; quotaBytes: number | null } = { usageBytes: null, quotaBytes: null };

  constructor(options: ReplicatorOptions) {
    this.#options = options;
    this.#pushable = pushFilterFor(options.resolve.stationId);
    this.#remoteKey = remoteKey(options.remote.name);
    if (options.onReport !== undefined) this.#listeners.add(options.onReport);
  }

  onReport(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<void> {
    const saved = await this.#options.store.readLocal<Partial<Persisted>>(STATE_DOC).catch(() => null);
    if (saved !== null) {
      this.#stateRev = saved.rev;
      this.#persisted = { ...this.#persisted, ...saved.value };
    }
    this.#pullFilter = await this.#windowFilter();
    await this.#readStorage();
    const unsettled = await this.#options.store.conflictedIds();
    if (unsettled.length > 0) await this.#settle(unsettled);
    await this.#refreshPending();
    this.#stopped = false;
    this.#unwatch = this.#options.store.watch(null, () => {
      if (this.#state !== 'syncing') this.#enqueue(() => this.#refreshPendingAndReport());
    });
    this.#begin();
  }

  /**
   * The selector for this run's pull, from the stored window (moved only when N widens it). A window set now
   * has no checkpoint yet: it is read first by index (initialPull.std.ts), not from the start of the feed.
   */
  async #windowFilter(): Promise<{ readonly selector: Record<string, unknown> } | null> {
    const days = this.#options.workingSetDays;
    if (days === undefined) return null;
    const { store } = this.#options;
    const stored = await store.readLocal<StoredWindow>(WINDOW_DOC).catch(() => null);
    const window = pullWindow(
      stored === null ? null : { days: stored.value.days, since: stored.value.since },
      days,
      this.#options.now?.() ?? new Date(),
    );
    this.#window = { value: stored?.value ?? { ...window }, rev: stored?.rev };
    if (stored === null || stored.value.days !== window.days || stored.value.since !== window.since) {
      await this.#writeWindow({ days: window.days, since: window.since, initial: { state: 'pending' } });
    }
    return { selector: pullSelector(window.since) };
  }

  async #writeWindow(value: StoredWindow): Promise<void> {
    const rev = await this.#options.store.writeLocal(WINDOW_DOC, value, this.#window?.rev);
    this.#window = { value, rev };
  }

  /** The pull's options: its checkpoint and selector, and where the first read of the window left the feed. */
  #pullOptions(): PouchDB.Replication.ReplicateOptions {
    const since = pullStart(this.#window?.value.initial, this.#remoteKey);
    return { ...PULL_CHECKPOINT, ...this.#pullFilter, ...(since === null ? {} : { since }) };
  }

  /** The push's options: its filter and checkpoint, and where the first read lets it start. */
  #pushOptions(): PouchDB.Replication.ReplicateOptions {
    const since = pushStartOf(this.#window?.value.initial, this.#remoteKey);
    return { filter: this.#pushable, ...PUSH_CHECKPOINT, ...(since === null ? {} : { since }) };
  }

  /**
   * Reads the window by index, then starts the sync from the sequence noted before the read. Stopped: nothing
   * more. A link failure shows like the sync's own and is tried again after a back-off (what was stored stays).
   */
  #runInitialPull(keepFailure: boolean): void {
    const window = this.#window;
    if (window === null) return;
    if (!keepFailure) this.#setState('syncing', null);
    const remote = this.#options.remote;
    const run = async (): Promise<void> => {
      this.#warmHold ??= this.#options.store.holdWarmUps();
      try {
        const pulled = await initialPull({
          store: this.#options.store,
          remote,
          since: window.value.since,
          cancelled: () => this.#stopped || this.#initialRun !== running,
          onPage: (progress) => {
            this.#persisted.docsDown += progress.stored.length;
            for (const stored of progress.stored) this.#fromCentral.add(stored);
            this.#setState('syncing', null);
          },
        });
        const pushSince = pushStart(await this.#options.store.changedSince(0, 'all'), this.#fromCentral);
        const last = this.#persisted.lastPushedSeq;
        if (typeof pushSince === 'number' && typeof last === 'number' && pushSince > last)
          this.#persisted.lastPushedSeq = pushSince;
        await this.#save();
        await this.#writeWindow({
          ...window.value,
          initial: {
            state: 'pulled',
            remote: this.#remoteKey,
            seq: pulled.seq,
            pushSince: pushSince ?? undefined,
          },
        });
      } catch (error) {
        if (error instanceof InitialPullCancelled || this.#stopped) return;
        this.#failures += 1;
        const code = classifyFailure(failureOf(error));
        this.#setState(code === 'sync_offline' || code === 'sync_timeout' ? 'offline' : 'error', code);
        this.#retryLater();
        return;
      } finally {
        if (this.#stopped) this.#releaseWarmUps();
        if (this.#initialRun === running) this.#initialRun = null;
      }
      if (!this.#stopped) this.#beginSync(true);
    };
    const running: Promise<void> = Promise.resolve().then(run);
    this.#initialRun = running;
  }

  /** After a verified sync: the pull's checkpoint has passed the noted sequence, so the marker goes. */
  async #initialPullDone(): Promise<void> {
    const value = this.#window?.value;
    if (value?.initial?.state !== 'pulled') return;
    await this.#writeWindow({ days: value.days, since: value.since });
  }

  async #refreshPendingAndReport(): Promise<void> {
    await this.#refreshPending();
    if (this.#state === 'up_to_date' && this.#pending > 0) this.#state = 'syncing';
    this.#setState(this.#state, this.#errorCode);
  }

  /** Restart now: the link came back or IT pressed "sync now" (PouchDB's own back-off may be long). */
  kick(): void {
    if (!this.#restartable()) return;
    if (this.#state === 'connecting' && Date.now() - this.#syncStartedAt < KICK_GRACE_MS) return;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#restart(false);
  }

  /**
   * Replaces the live sync without two pushes at once: the verify run and the old sync are cancelled, and the
   * new sync starts only when the old one's last write has been answered (else it would send that batch again).
   */
  #restart(keepFailure: boolean): void {
    this.#cancelVerify();
    const old = this.#sync;
    this.#sync = null;
    old?.cancel();
    // A re-check after a failure keeps showing that failure until a batch lands or a verify passes.
    if (!keepFailure) this.#setState('connecting', null);
    this.#restarting = remoteWritesSettled(this.#options.remote, CANCEL_SETTLE_MS).then(() => {
      this.#restarting = null;
      if (!this.#stopped) this.#begin(keepFailure);
    });
  }

  /** Not stopped, not mid-batch, not already restarting. */
  #restartable(): boolean {
    return !this.#stopped && this.#state !== 'syncing' && this.#restarting === null;
  }

  #cancelVerify(): void {
    this.#verifyEpoch += 1;
    for (const run of this.#verifyRuns) run.cancel();
    this.#verifyRuns.clear();
  }

  #retryLater(): void {
    if (this.#retryTimer !== null || this.#stopped) return;
    this.#verifyBackOffMs = replicationBackOff(this.#verifyBackOffMs);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#restartable()) this.#restart(this.#failed());
    }, this.#verifyBackOffMs);
  }

  /**
   * Lets the store's background warm-ups run again. They are held from a first read until the sync after it is
   * verified (or stops at a failure): the index's catch-up over every record read would otherwise race the
   * verification and the push start's walk, and the station would be ready later.
   */
  #releaseWarmUps(): void {
    const release = this.#warmHold;
    this.#warmHold = null;
    release?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#releaseWarmUps();
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#cancelVerify();
    this.#sync?.cancel();
    this.#sync = null;
    this.#unwatch?.();
    this.#unwatch = null;
    await this.#restarting;
    await this.#initialRun;
    await this.#work;
  }

  /** Waits for pending bookkeeping (conflict settling, state doc writes). */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.#work;
      await current;
    } while (current !== this.#work);
  }

  report(): ReplicationReport {
    return {
      state: this.#state,
      errorCode: this.#errorCode,
      pending: this.#pending,
      docsUp: this.#persisted.docsUp,
      docsDown: this.#persisted.docsDown,
      lastSuccessAt: this.#persisted.lastSuccessAt,
      conflictsResolved: this.#persisted.conflictsResolved,
      conflicts: this.#persisted.conflicts.slice(0, 500),
      rejections: this.#persisted.rejections.slice(0, 500),
      ...(this.#options.workingSetDays === undefined ? {} : { store: this.#storeUse() }),
    };
  }

  #storeUse(): StoreUse {
    return {
      workingSetDays: this.#options.workingSetDays ?? null,
      ...this.#storage,
      lastPurge: this.#persisted.lastPurge,
    };
  }

  async #readStorage(): Promise<void> {
    const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => null);
    this.#storage = { usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null };
  }

  /** After an up-to-date sync, at most every PURGE_EVERY_MS: what left the window and central holds leaves the station. */
  #purgeIfDue(): void {
    const days = this.#options.workingSetDays;
    const now = this.#options.now?.() ?? new Date();
    const last = this.#persisted.lastPurge;
    if (days === undefined || (last !== null && now.getTime() - Date.parse(last.at) < PURGE_EVERY_MS)) return;
    this.#enqueue(async () => {
      try {
        this.#persisted.lastPurge = await purgeOutsideWindow({
          store: this.#options.store,
          remote: this.#options.remote,
          days,
          now,
        });
      } catch (error) {
        // The link dropped or the store refused: the next up-to-date sync tries again; sync itself is unaffected.
        console.warn('sync: purge failed', errorMessage(error));
        return;
      }
      await this.#save();
      await this.#readStorage();
      this.#setState(this.#state, this.#errorCode);
    });
  }

  /** Starts the live sync, after the first read of a new window when it is due. */
  #begin(keepFailure = false): void {
    if (this.#initialRun !== null) return;
    if (needsInitialPull(this.#window?.value.initial, this.#remoteKey)) {
      this.#runInitialPull(keepFailure);
      return;
    }
    this.#beginSync(keepFailure);
  }

  #beginSync(keepFailure: boolean): void {
    const { store, remote } = this.#options;
    if (!keepFailure) this.#setState('connecting', null);
    this.#syncStartedAt = Date.now();
    const sync = store.syncWith(remote, {
      live: true,
      retry: true,
      batch_size: this.#options.batchSize ?? 500,
      batches_limit: this.#options.batchesLimit ?? 5,
      back_off_function: replicationBackOff,
      push: this.#pushOptions(),
      pull: this.#pullOptions(),
    } as PouchDB.Replication.SyncOptions) as LiveSyncParts;
    this.#sync = sync;
    // Sync's own 'paused' drops the error its push or pull paused with: keep them (registered first, so they
    // are up to date when Sync emits).
    const pausedWith: { push: unknown; pull: unknown } = { push: null, pull: null };
    sync.push.on('paused', (error) => {
      pausedWith.push = error ?? null;
    });
    sync.pull.on('paused', (error) => {
      pausedWith.pull = error ?? null;
    });
    sync.on('active', () => {
      if (this.#sync !== sync) return;
      // The live sync is pushing again: a verify run now would push the same documents beside it.
      this.#cancelVerify();
      // With checkpoints on the station PouchDB goes active before it touches the link, so after a failure
      // only a batch that lands (a change) shows the link works again.
      if (!this.#failed()) this.#setState('syncing', null);
    });
    sync.on('change', (info) => {
      if (this.#sync !== sync) return;
      // A batch landed in this direction: the error it last paused with is over.
      pausedWith[info.direction] = null;
      this.#landed += 1;
      this.#enqueue(() => this.#onChange(info));
    });
    sync.on('denied', (error) => {
      if (this.#sync !== sync) return;
      this.#enqueue(() => this.#onDenied(error));
    });
    sync.on('paused', (syncError) => {
      if (this.#sync !== sync) return;
      const error: unknown = syncError ?? pausedWith.push ?? pausedWith.pull;
      if (error !== undefined && error !== null) this.#failures += 1;
      const epoch = this.#verifyEpoch;
      const landed = this.#landed;
      this.#enqueue(() => this.#onPaused(sync, epoch, landed, error));
    });
    sync.on('error', (error) => {
      if (this.#sync !== sync) return;
      this.#failures += 1;
      this.#setState('error', classifyFailure(failureOf(error)));
    });
  }

  #enqueue(task: () => Promise<void>): void {
    this.#work = this.#work.then(task).catch(() => {
      this.#setState('error', 'sync_server_error');
    });
  }

  async #onChange(info: PouchDB.Replication.SyncResult<object>): Promise<void> {
    const docs = info.change.docs as { _id: string }[];
    if (info.direction === 'push') {
      this.#persisted.docsUp += docs.length;
      this.#persisted.lastPushedSeq = info.change.last_seq;
      const sent = new Set(docs.map((doc) => doc._id));
      this.#persisted.rejections = this.#persisted.rejections.filter((rejection) => !sent.has(rejection.id));
    } else {
      this.#persisted.docsDown += docs.length;
      for (const doc of docs as { _id: string; _rev?: string }[]) this.#fromCentral.add(`${doc._id}@${doc._rev ?? ''}`);
      await this.#settle(docs.map((doc) => doc._id));
    }
    await this.#save();
    // Progress: the counts move batch by batch (the runner in the renderer throttles what it forwards).
    if (this.#failed()) this.#setState('syncing', null);
    else this.#setState(this.#state, this.#errorCode);
  }

  #failed(): boolean {
    return this.#state === 'offline' || this.#state === 'error';
  }

  async #onDenied(event: unknown): Promise<void> {
    const rejection = rejectionOf(event, new Date().toISOString());
    // The resolver's deletion of a losing revision: central keeps that revision below the merged one.
    const deletedHere =
      rejection.rev === null
        ? null
        : await this.#options.store.revisionOf(rejection.id, rejection.rev).then(
            (found) => found?.deleted ?? null,
            () => null,
          );
    if (keptLocalDeletion(rejection, deletedHere)) return;
    // pouchdb-server leaves the refused revision out of the row (CouchDB 3 has it): name the station's one.
    const rev =
      rejection.rev ??
      (await this.#options.store.revisionOf(rejection.id).then(
        (found) => found?.rev ?? null,
        () => null,
      ));
    this.#persisted.rejections = [
      { ...rejection, rev },
      ...this.#persisted.rejections.filter((item) => item.id !== rejection.id),
    ].slice(0, 500);
    await this.#save();
    this.#setState(this.#state, this.#errorCode);
  }

  /** `epoch`: the verify epoch when the sync paused; it moves on when the sync goes active again or is replaced. */
  async #onPaused(sync: LiveSync, epoch: number, landed: number, error: unknown): Promise<void> {
    // Queued behind other work, and awaiting below: the sync may have been replaced or become active again
    // meanwhile, and then what this pause found is out of date (an old error would show a healthy link down).
    // An error stands until a batch lands: PouchDB goes active again before it has touched the link.
    const failed = error !== undefined && error !== null;
    const stale = (): boolean =>
      this.#sync !== sync || (failed ? landed !== this.#landed : epoch !== this.#verifyEpoch);
    if (stale()) return;
    const failuresBefore = this.#failures;
    await this.#refreshPending();
    if (stale()) return;
    if (failed) {
      const code = classifyFailure(failureOf(error));
      this.#setState(code === 'sync_offline' || code === 'sync_timeout' ? 'offline' : 'error', code);
      // The live sync may now sit in a healthy long poll and never pause again (the link came back under a
      // PouchDB retry, or the error was the other direction's old one): check again after a back-off, so the
      // dashboard never stays "offline" on a working link waiting for a kick that already came.
      this.#retryLater();
      return;
    }
    // PouchDB also pauses without an error when the first attempt on a dead link failed (it retries quietly),
    // so "paused" proves nothing: a one-shot push and pull from the same checkpoints must both complete.
    const failure = await this.#verify(epoch);
    if (failure === 'superseded' || stale()) return;
    if (failure !== null) {
      this.#setState(failure === 'sync_offline' || failure === 'sync_timeout' ? 'offline' : 'error', failure);
      // The live replication may sit in a healthy long poll and never pause again: try again after a back-off.
      this.#retryLater();
      return;
    }
    this.#verifyBackOffMs = 0;
    await this.#refreshPending();
    if (stale()) return;
    if (this.#pending > 0) {
      this.#setState('syncing', null);
      return;
    }
    // Something failed while we verified (the live replication's error event): that state stands.
    if (this.#failures !== failuresBefore) return;
    this.#persisted.lastSuccessAt = new Date().toISOString();
    await this.#save();
    await this.#initialPullDone();
    if (stale()) return;
    this.#setState('up_to_date', null);
    this.#purgeIfDue();
  }

  /** One-shot push then pull with the live replication's checkpoints; null when both completed cleanly. */
  async #verify(epoch: number): Promise<VerifyOutcome> {
    const { store, remote } = this.#options;
    const handled: Promise<void>[] = [];
    const options = {
      batch_size: this.#options.batchSize ?? 500,
      batches_limit: this.#options.batchesLimit ?? 5,
      retry: false,
    };
    try {
      const steps = [
        ['push', () => store.pushTo(remote, { ...options, ...this.#pushOptions() })],
        ['pull', () => store.pullFrom(remote, { ...options, ...this.#pullOptions() })],
      ] as const;
      const seqBefore = await store.updateSeq();
      for (const [direction, startRun] of steps) {
        if (epoch !== this.#verifyEpoch) return 'superseded';
        const run = startRun();
        this.#verifyRuns.add(run);
        run.on('change', (info) =>
          handled.push(this.#onChange({ direction, change: info } as PouchDB.Replication.SyncResult<object>)),
        );
        run.on('denied', (error) => handled.push(this.#onDenied(error)));
        let result: PouchDB.Replication.ReplicationResultComplete<object>;
        try {
          result = await run;
        } finally {
          this.#verifyRuns.delete(run);
        }
        await Promise.all(handled);
        if (epoch !== this.#verifyEpoch) return 'superseded';
        if (result.status !== 'complete' || result.doc_write_failures > result.errors.length)
          return 'sync_server_error';
        if (direction === 'push') {
          // Everything up to seqBefore is now on central (or listed as refused).
          this.#persisted.lastPushedSeq = seqBefore;
          this.#fromCentral.clear();
        }
      }
      await this.#save();
      return null;
    } catch (error) {
      await Promise.all(handled);
      if (epoch !== this.#verifyEpoch) return 'superseded';
      return classifyFailure(failureOf(error));
    }
  }

  /** One settle at a time: the live sync's batches and a verify run's pull both land pulled ids here. */
  #settle(ids: readonly string[]): Promise<void> {
    const next = this.#settling.then(() => this.#settleNow(ids));
    this.#settling = next.catch(() => undefined);
    return next;
  }

  async #settleNow(ids: readonly string[]): Promise<void> {
    const outcome = await resolveConflicts(this.#options.store, ids, this.#options.resolve);
    this.#persisted.conflictsResolved += outcome.resolved;
    const touched = new Set(ids);
    const listed = outcome.unresolved.map((item) => ({ ...item, revs: [...item.revs] }));
    this.#persisted.conflicts = [...listed, ...this.#persisted.conflicts.filter((item) => !touched.has(item.id))].slice(
      0,
      500,
    );
  }

  async #refreshPending(): Promise<void> {
    const changes = await this.#options.store.changedSince(this.#persisted.lastPushedSeq);
    this.#pending = changes.filter(
      (change) =>
        !change.id.startsWith('_design/') && !change.revs.every((rev) => this.#fromCentral.has(`${change.id}@${rev}`)),
    ).length;
  }

  /** Writes the state document; writes are chained (a verify run's handlers overlap) so no `_rev` goes stale. */
  #save(): Promise<void> {
    const write = async (): Promise<void> => {
      this.#stateRev = await this.#options.store.writeLocal(STATE_DOC, this.#persisted, this.#stateRev);
    };
    const next = this.#saving.then(write, write);
    this.#saving = next.catch(() => undefined);
    return next;
  }

  #setState(state: SyncState, errorCode: SyncErrorCode | null): void {
    this.#state = state;
    this.#errorCode = errorCode;
    const report = this.report();
    for (const listener of this.#listeners) listener(report);
    if (state !== 'syncing' && state !== 'connecting') this.#releaseWarmUps();
  }
}
