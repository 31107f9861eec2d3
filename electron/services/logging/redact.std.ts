/**
 * Redaction for everything written to logs and the audit detail: citizen ids (any 13-digit run),
 * names, addresses and photos never leave the station in a log line.
 */
const SENSITIVE_KEYS = new Set([
  'cid',
  'citizenid',
  'nationalid',
  'pid',
  'name',
  'names',
  'thainame',
  'englishname',
  'firstname',
  'lastname',
  'given',
  'family',
  'prefix',
  'address',
  'photo',
  'image',
  'birthdate',
  'telecom',
  'phone',
  'mobile',
  'laserid',
  'requestnumber',
  'password',
  'cookie',
  'authorization',
  'token',
]);

/** A 13-digit run not inside a longer number. Millisecond timestamps are 13 digits too; they are redacted
 * anyway (safety first), so log times are ISO strings, never epoch numbers. */
const CID_PATTERN = /(?<!\d)\d{13}(?!\d)/g;

export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text.replace(CID_PATTERN, '[cid]');
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' && Number.isInteger(value) && String(Math.abs(value)).length === 13) return '[cid]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : redactValue(inner, depth + 1);
    }
    return out;
  }
  return value;
}
