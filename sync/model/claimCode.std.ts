/**
 * The NHSO authen code on a visit: an Encounter identifier under Thai Core's `th-nhso-claim-code` system. A visit
 * has one; a different code replaces the old one (the NHSO issued it later), the same code changes nothing.
 */
import { EncounterDoc } from './encounter.std.js';
import { buildMeta } from './meta.std.js';
import { TH_NHSO_CLAIM_CODE } from './systems.std.js';

export function claimCodeOf(encounter: Pick<EncounterDoc, 'identifier'>): string | null {
  return encounter.identifier?.find((id) => id.system === TH_NHSO_CLAIM_CODE)?.value ?? null;
}

/** The visit with this code, or null when it already carries it (nothing to save). */
export function withClaimCode(
  encounter: EncounterDoc,
  claimCode: string,
  at: string,
  stationId: string,
): EncounterDoc | null {
  const code = claimCode.trim();
  if (code === '') throw new Error('empty claim code');
  if (claimCodeOf(encounter) === code) return null;
  const others = (encounter.identifier ?? []).filter((id) => id.system !== TH_NHSO_CLAIM_CODE);
  return EncounterDoc.parse({
    ...encounter,
    identifier: [...others, { use: 'secondary', system: TH_NHSO_CLAIM_CODE, value: code }],
    meta: buildMeta({ stationId, at, source: 'system' }),
  });
}
