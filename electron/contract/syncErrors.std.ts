/** Error codes of the sync feature, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from './errors.std.js';

export const syncErrorText = {} as const satisfies Record<string, Bilingual>;
