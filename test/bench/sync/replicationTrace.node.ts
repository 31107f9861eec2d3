/**
 * BENCH_SYNC_TRACE=1 only: logs every replication the Replicator starts on the station database (its live
 * sync and the one-shot verify push/pull) with their events, so a trace shows which of them sent what.
 */
import type { Database } from '../../../sync/store/pouch.dom.js';

type Emitter = { on(event: string, listener: (info?: unknown) => void): unknown };

function describe(info: unknown): string {
  if (info instanceof Error) return `: ${info.message}`;
  if (typeof info === 'object' && info !== null && 'direction' in info)
    return ` (${String((info as { direction: unknown }).direction)})`;
  return '';
}

export function traceReplications(db: Database, log: (line: string) => void): void {
  let next = 0;
  const follow = (what: string, emitter: Emitter): void => {
    next += 1;
    const label = `${what} #${next}`;
    log(`${label} started`);
    for (const event of ['active', 'paused', 'error', 'complete', 'cancel'])
      emitter.on(event, (info) => log(`${label} ${event}${describe(info)}`));
  };
  const original = { sync: db.sync.bind(db), to: db.replicate.to.bind(db.replicate) };
  const traced = db as unknown as {
    sync: (...args: unknown[]) => Emitter;
    replicate: { to: (...args: unknown[]) => Emitter };
  };
  traced.sync = (...args) => {
    const run = (original.sync as (...a: unknown[]) => Emitter)(...args);
    follow('live sync', run);
    return run;
  };
  traced.replicate.to = (...args) => {
    const run = (original.to as (...a: unknown[]) => Emitter)(...args);
    follow('one-shot push', run);
    return run;
  };
}
