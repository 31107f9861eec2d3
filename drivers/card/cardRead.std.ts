/**
 * What the Thai national ID card holds, as the card driver decodes it: the text that fills the registration
 * form, the optional applets (laser id, NHSO rights), the photo, and the warnings a clerk should see. The
 * contract carries these in its card events; the record model takes a person's details from them.
 */
import { z } from 'zod';

export const PartialDate = z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');

export const CardName = z.object({ prefix: z.string(), first: z.string(), middle: z.string(), last: z.string() });
export type CardName = z.infer<typeof CardName>;

export const CardAddress = z.object({
  houseNo: z.string().nullable(),
  villageNo: z.string().nullable(),
  lane: z.string().nullable(),
  road: z.string().nullable(),
  subdistrict: z.string().nullable(),
  district: z.string().nullable(),
  province: z.string().nullable(),
  /** Parts no Thai prefix word matched (a building or village name): kept, never dropped. */
  other: z.array(z.string()),
  /** The whole address as on the card, for the clerk to check. */
  full: z.string(),
});
export type CardAddress = z.infer<typeof CardAddress>;

/** Not errors: the read succeeded, but the clerk should know. */
export const cardWarningText = {
  card_expired: {
    th: 'บัตรหมดอายุแล้ว (ยังใช้ลงทะเบียนได้)',
    en: 'The card has expired (registration can still go ahead).',
  },
  birth_date_partial: {
    th: 'บัตรระบุวันเกิดไม่ครบ (มีเฉพาะปีหรือปีและเดือน)',
    en: 'The card has only the birth year (or year and month).',
  },
  birth_date_unreadable: {
    th: 'อ่านวันเกิดจากบัตรไม่ได้ กรุณากรอกเอง',
    en: 'Could not read the birth date; enter it by hand.',
  },
  expiry_unreadable: { th: 'อ่านวันหมดอายุบัตรไม่ได้', en: 'Could not read the card expiry date.' },
  person_type_unknown: {
    th: 'ประเภทบุคคลตามเลขหลักแรกไม่อยู่ในรายการ 0-8',
    en: 'The first digit of the id is not a known person type (0-8).',
  },
  request_number_absent: { th: 'ชิปรุ่นนี้ไม่มีเลขคำขอ', en: 'This chip has no card request number.' },
  laser_id_absent: { th: 'ชิปรุ่นนี้ไม่มีเลขหลังบัตร (Laser ID)', en: 'This chip has no laser id (older chip).' },
  nhso_absent: { th: 'ชิปนี้ไม่มีข้อมูลสิทธิ สปสช.', en: 'This chip holds no NHSO rights data.' },
} as const;
export type CardWarning = keyof typeof cardWarningText;
export const CardWarningSchema = z.enum(Object.keys(cardWarningText) as [CardWarning, ...CardWarning[]]);

/** Everything on the chip except the photo and the optional applets: what fills the registration form. */
export const CardText = z.object({
  cid: z.string().regex(/^\d{13}$/),
  /** First digit of the cid (0-8; 9 is kept with a warning). */
  personType: z.number().int().min(0).max(9),
  thaiName: CardName,
  englishName: CardName,
  birthDate: PartialDate.nullable(),
  sex: z.enum(['male', 'female', 'unknown']),
  issuer: z.string(),
  issueDate: PartialDate.nullable(),
  /** null = lifelong card (`99999999`). */
  expiryDate: PartialDate.nullable(),
  address: CardAddress,
  /** The ATR as hex, e.g. `3B 67 00 00 73 20 00 6C 68 90 00`. */
  atr: z.string(),
  requestNumber: z.string().nullable(),
  warnings: z.array(CardWarningSchema),
});
export type CardText = z.infer<typeof CardText>;

export const NhsoRights = z.object({
  mainInscl: z.string(),
  subInscl: z.string(),
  mainHospital: z.string(),
  subHospital: z.string(),
  paidType: z.string(),
  issueDate: PartialDate.nullable(),
  expiryDate: PartialDate.nullable(),
  updateDate: PartialDate.nullable(),
  changeHospitalAmount: z.string(),
});
export type NhsoRights = z.infer<typeof NhsoRights>;

/** Laser id and NHSO applet: absent on older chips, which is said, not failed. */
export const CardExtras = z.object({
  laserId: z.string().nullable(),
  nhso: NhsoRights.nullable(),
  warnings: z.array(CardWarningSchema),
});
export type CardExtras = z.infer<typeof CardExtras>;

export const CardPhoto = z.object({
  /** JPEG bytes exactly as on the chip (never trimmed). */
  base64: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CardPhoto = z.infer<typeof CardPhoto>;

/** The whole card as the CLI prints it (`npm run card -- read --json`). */
export const CardRead = CardText.extend({
  laserId: z.string().nullable(),
  nhso: NhsoRights.nullable(),
  photo: z.object({ bytes: z.number().int(), sha256: z.string() }).nullable(),
});
export type CardRead = z.infer<typeof CardRead>;
