/**
 * A person's details as a Patient is built from them: a card's text (drivers/card CardText) with its photo,
 * or a clerk's manual entry in the same shape. Looser than the card (names trimmed, sex as on the chip or in
 * words, every part optional but the id); unknown fields (atr, warnings, personType) are ignored here.
 */
import { z } from 'zod';
import { FhirDate } from './fhir.std.js';

const NamePart = z.string().trim().max(200);
export const PersonName = z.object({
  prefix: NamePart.default(''),
  first: NamePart.default(''),
  middle: NamePart.default(''),
  last: NamePart.default(''),
});
export type PersonName = z.infer<typeof PersonName>;

export const PersonAddress = z.object({
  houseNo: NamePart.nullish(),
  villageNo: NamePart.nullish(),
  lane: NamePart.nullish(),
  road: NamePart.nullish(),
  subdistrict: NamePart.nullish(),
  district: NamePart.nullish(),
  province: NamePart.nullish(),
});
export type PersonAddress = z.infer<typeof PersonAddress>;

export const PersonDetails = z.object({
  cid: z.string().regex(/^\d{13}$/),
  thaiName: PersonName,
  englishName: PersonName.nullish(),
  birthDate: FhirDate.nullish(),
  /** '1'/'2' as on the chip, or already male/female. */
  sex: z.enum(['1', '2', 'male', 'female', 'unknown', 'other']).nullish(),
  address: PersonAddress.nullish(),
  /** The card service's CardPhoto (`{base64, bytes, sha256}`): JPEG as base64; null when skipped or not yet read. */
  photo: z.object({ base64: z.string().min(1) }).nullish(),
  issueDate: FhirDate.nullish(),
  expiryDate: FhirDate.nullish(),
});
export type PersonDetails = z.input<typeof PersonDetails>;
