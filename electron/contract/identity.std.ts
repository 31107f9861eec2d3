/**
 * Patient identity: the keyed hash of a citizen id. The hospital key never leaves main; the page asks for the
 * Patient id (and the audit subject hash) of a CID and gets only the hashes back.
 */
import { z } from 'zod';
import { command } from './define.std.js';

export const KeySource = z.enum(['central', 'local']);
export type KeySource = z.infer<typeof KeySource>;

/** Which key is in use, named by a fingerprint (a hash of a fixed non-CID input): the page notices a change. */
export const KeyInfo = z.object({ keySource: KeySource, fingerprint: z.string().regex(/^[0-9a-f]{16}$/) });
export type KeyInfo = z.infer<typeof KeyInfo>;

const PatientRefId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);

export const identityCommands = {
  'identity.keyInfo': command(z.object({}).strict(), KeyInfo),
  /** The page merged records of one person (patientMerge.std.ts): audited in main with the staff on duty. */
  'identity.recordMerges': command(
    z
      .object({
        merges: z
          .array(z.object({ replacedId: PatientRefId, survivorId: PatientRefId }).strict())
          .min(1)
          .max(1000),
      })
      .strict(),
    z.object({ recorded: z.number().int() }),
  ),
  'identity.patientId': command(
    z.object({ cid: z.string().regex(/^\d{13}$/) }).strict(),
    z.object({ patientId: z.string(), cidHash: z.string(), keySource: KeySource }),
  ),
} as const;

export const identityEvents = {
  /** The hospital key in use changed (adopted from central): the page merges what it wrote under the old one. */
  'identity.keyChanged': KeyInfo,
} as const;
