/**
 * The card read as the card service hands it over (electron/contract/card.std.ts CardText plus its CardPhoto),
 * or a manual entry in the same shape. Unknown fields (atr, warnings, personType) are ignored here.
 */
import { z } from 'zod';
import { FhirDate } from './fhir.std.js';

const NamePart = z.string().trim().max(200);
export const CardName = z.object({ prefix: NamePart.default(''), first: NamePart.default(''), middle: NamePart.default(''), last: NamePart.default('') });
export type CardName = z.infer<typeof CardName>;

export const CardAddress = z.object({
  houseNo: NamePart.nullish(),
  villageNo: NamePart.nullish(),
  lane: NamePart.nullish(),
  road: NamePart.nullish(),
  subdistrict: NamePart.nullish(),
  district: NamePart.nullish(),
  province: NamePart.nullish(),
});
export type CardAddress = z.infer<typeof CardAddress>;

export const CardRead = z.object({
  cid: z.string().regex(/^\d{13}$/),
  thaiName: CardName,
  englishName: CardName.nullish(),
  birthDate: FhirDate.nullish(),
  /** '1'/'2' as on the chip, or already male/female. */
  sex: z.enum(['1', '2', 'male', 'female', 'unknown', 'other']).nullish(),
  address: CardAddress.nullish(),
  /** The card service's CardPhoto (`{base64, bytes, sha256}`): JPEG as base64; null when skipped or not yet read. */
  photo: z.object({ base64: z.string().min(1) }).nullish(),
  issueDate: FhirDate.nullish(),
  expiryDate: FhirDate.nullish(),
});
export type CardRead = z.input<typeof CardRead>;
