/** Error codes of the device feature, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from './errors.std.js';

export const deviceErrorText = {} as const satisfies Record<string, Bilingual>;
