/**
 * Patient identity: the keyed hash of a citizen id. The hospital key never leaves main; the page asks for the
 * Patient id (and the audit subject hash) of a CID and gets only the hashes back.
 */
import { z } from 'zod';
import { command } from './define.std.js';

export const KeySource = z.enum(['central', 'local']);
export type KeySource = z.infer<typeof KeySource>;

export const identityCommands = {
  'identity.patientId': command(
    z.object({ cid: z.string().regex(/^\d{13}$/) }).strict(),
    z.object({ patientId: z.string(), cidHash: z.string(), keySource: KeySource }),
  ),
} as const;
