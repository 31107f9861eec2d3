/** PC/SC failures (smartcard 3.7 rejects with plain Errors carrying pcsc-lite's text) → the card error catalogue. */
import { CardFailure } from '../protocol/failure.std.js';
import type { CardErrorCode } from '../cardErrors.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

const PATTERNS: readonly (readonly [RegExp, CardErrorCode])[] = [
  [/service (?:not running|stopped)|no_service|Cannot connect to PC\/SC|SCARD_E_NO_SERVICE/i, 'card_no_service'],
  [/no readers|unknown reader|reader unavailable|reader not ready/i, 'card_no_reader'],
  [/removed|not connected|no smart card|invalid handle|card is unpowered|card was reset/i, 'card_removed'],
  // A card the wrong way round (or dirty contacts) answers power-up with no usable ATR: no protocol can be agreed.
  [/unresponsive|mute|invalid atr|not supported|protocol mismatch/i, 'card_mute'],
  [/sharing violation/i, 'card_busy'],
  [/insufficient buffer/i, 'card_bad_answer'],
];

export function pcscErrorCode(error: unknown): CardErrorCode {
  if (error instanceof CardFailure) return error.code;
  const message = errorMessage(error);
  for (const [pattern, code] of PATTERNS) if (pattern.test(message)) return code;
  return 'card_io_failed';
}

export function toCardFailure(error: unknown, what: string): CardFailure {
  if (error instanceof CardFailure) return error;
  const message = errorMessage(error);
  return new CardFailure(pcscErrorCode(error), `${what}: ${message}`);
}
