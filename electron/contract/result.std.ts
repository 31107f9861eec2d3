/**
 * What every command returns across a process boundary. Exceptions do not cross IPC intact (Electron
 * keeps only `message`), so main and the bridge always answer with a value.
 */
import type { ErrorCode } from './errors.std.js';

export interface EdgeErrorBody {
  readonly code: ErrorCode;
  /** English detail for logs and IT; the UI shows the catalogued Thai/English text for `code`. */
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: EdgeErrorBody };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Thrown inside services and handlers; the dispatcher turns it into `{ok:false,error}`. */
export class EdgeError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'EdgeError';
    this.code = code;
  }
}

export function isEdgeError(value: unknown): value is EdgeError {
  return value instanceof EdgeError;
}
