/** A card read that cannot go on, with the catalogued error code the UI and CLI show (th/en text in the contract). */
import type { CardErrorCode } from '../cardErrors.std.js';

export class CardFailure extends Error {
  readonly code: CardErrorCode;
  constructor(code: CardErrorCode, message: string) {
    super(message);
    this.name = 'CardFailure';
    this.code = code;
  }
}

export function isCardFailure(value: unknown): value is CardFailure {
  return value instanceof CardFailure;
}
