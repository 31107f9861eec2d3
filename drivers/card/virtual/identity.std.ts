/**
 * A synthetic identity as the chip stores it (raw card strings: BE dates, `#`-separated names and address), and
 * the memory images the virtual card serves. Invented people only: never a real name or citizen id.
 */
import { encodeTis620 } from '../protocol/text.std.js';
import {
  MOI_FIELDS,
  NHSO_FIELDS,
  PHOTO,
  type FieldSpec,
  type MoiField,
  type NhsoField,
} from '../protocol/memoryMap.std.js';

export interface SyntheticIdentity {
  readonly cid: string;
  /** `prefix#first#middle#last` */
  readonly thaiName: string;
  readonly englishName: string;
  /** Buddhist era `YYYYMMDD`; `00` month/day for partial dates. */
  readonly birthDate: string;
  readonly sex: '1' | '2';
  readonly issuer: string;
  readonly issueDate: string;
  /** `99999999` = lifelong. */
  readonly expiryDate: string;
  readonly address: string;
  /** null: an older chip whose file ends before the request number. */
  readonly requestNumber: string | null;
  readonly photo: Uint8Array;
  /** null: an older chip without the laser-id applet. */
  readonly laserId: string | null;
  readonly nhso: Readonly<Record<NhsoField, string>> | null;
}

export interface CardImage {
  readonly moi: Uint8Array;
  readonly nhso: Uint8Array | null;
  readonly laserId: Uint8Array | null;
}

/** Size of the MOI file on current chips (address and request number end at 0x1627; the rest is unmapped). */
const MOI_FILE_SIZE = 0x1800;

function put(image: Uint8Array, spec: FieldSpec, value: string): void {
  const bytes = encodeTis620(value);
  if (bytes.length > spec.length)
    throw new RangeError(`value longer than its field (${bytes.length} > ${spec.length})`);
  image.set(bytes, spec.offset);
}

export function buildCardImage(identity: SyntheticIdentity): CardImage {
  const size = identity.requestNumber === null ? MOI_FIELDS.requestNumber.offset : MOI_FILE_SIZE;
  const moi = new Uint8Array(size).fill(0x20);
  const values: Record<Exclude<MoiField, 'requestNumber'>, string> = {
    cid: identity.cid,
    thaiName: identity.thaiName,
    englishName: identity.englishName,
    birthDate: identity.birthDate,
    sex: identity.sex,
    issuer: identity.issuer,
    issueDate: identity.issueDate,
    expiryDate: identity.expiryDate,
    address: identity.address,
  };
  for (const [name, value] of Object.entries(values) as [Exclude<MoiField, 'requestNumber'>, string][])
    put(moi, MOI_FIELDS[name], value);
  if (identity.requestNumber !== null) put(moi, MOI_FIELDS.requestNumber, identity.requestNumber);
  if (identity.photo.length > PHOTO.length) throw new RangeError('photo larger than the chip region');
  moi.fill(0x00, PHOTO.offset, PHOTO.offset + PHOTO.length);
  moi.set(identity.photo, PHOTO.offset);

  let nhso: Uint8Array | null = null;
  if (identity.nhso !== null) {
    nhso = new Uint8Array(0x0200).fill(0x20);
    for (const [name, value] of Object.entries(identity.nhso) as [NhsoField, string][])
      put(nhso, NHSO_FIELDS[name], value);
  }
  let laserId: Uint8Array | null = null;
  if (identity.laserId !== null) {
    laserId = new Uint8Array(16);
    laserId.set(encodeTis620(identity.laserId));
  }
  return { moi, nhso, laserId };
}
