/**
 * Structured logs (pino) to rotated files in the app data folder. Every line passes through redaction,
 * so a citizen id, a name or a photo can never reach a log file even if a caller passes one by mistake.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger, type DestinationStream } from 'pino';
import { redactText, redactValue } from './redact.std.js';

export type { Logger };

export interface LoggerOptions {
  readonly logDir: string | null;
  readonly level?: string;
  /** Also write to stderr (CLIs and dev:browser). */
  readonly echo?: boolean;
}

export interface LogWriteFailure {
  /** The file system's code (ENOSPC when the disk is full). */
  readonly code: string;
  readonly at: string;
  /** Lines lost since the first failure (as far as the stream tells). */
  readonly failures: number;
}

export interface LogSink {
  readonly log: Logger;
  /** The last failure to write the log files, or null while they are written. Never thrown: the station runs on. */
  writeFailure(): LogWriteFailure | null;
  /** Flushes and closes the log files (before the data folder may be removed or the app quits). */
  close(): Promise<void>;
}

export async function createLogger(options: LoggerOptions): Promise<LogSink> {
  const streams: { stream: DestinationStream }[] = [];
  const closers: (() => Promise<void>)[] = [];
  let failure: LogWriteFailure | null = null;
  if (options.logDir !== null) {
    mkdirSync(options.logDir, { recursive: true });
    // pino-roll rotates by size and keeps a bounded number of files; it runs in this thread (no worker).
    const { default: roll } = await import('pino-roll');
    const file = await roll({
      file: join(options.logDir, 'edge'),
      extension: '.log',
      size: '10m',
      limit: { count: 10 },
      mkdir: true,
    });
    // A write error (disk full) with no listener would end the process: the station must outlive its logs.
    (file as DestinationStream & { on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown }).on(
      'error',
      (error) => {
        failure = {
          code: error.code ?? 'EIO',
          at: failure?.at ?? new Date().toISOString(),
          failures: (failure?.failures ?? 0) + 1,
        };
      },
    );
    streams.push({ stream: file });
    closers.push(() => closeStream(file));
  }
  if (options.echo === true) streams.push({ stream: pino.destination(2) });
  const log = pino(
    {
      level: options.level ?? 'info',
      enabled: streams.length > 0,
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<
            typeof method
          >;
          method.apply(this, redacted);
        },
      },
    },
    pino.multistream(streams),
  );
  return {
    log,
    writeFailure: () => failure,
    async close() {
      for (const close of closers) await close();
    },
  };
}

function closeStream(stream: DestinationStream): Promise<void> {
  const closable = stream as DestinationStream & { end?: () => void; once?: (event: string, cb: () => void) => void };
  return new Promise((resolve) => {
    if (closable.end === undefined || closable.once === undefined) return resolve();
    closable.once('close', () => resolve());
    // A stream that failed (disk full) may never close cleanly.
    closable.once('error', () => resolve());
    closable.end();
  });
}
