/** Error codes of the card feature, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from './errors.std.js';

export const cardErrorText = {} as const satisfies Record<string, Bilingual>;
