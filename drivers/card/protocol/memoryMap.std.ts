/**
 * Where each field lives on the chip (byte offsets into one file per applet; Cardpeek "Thai eID" map, matching
 * chakphanu, go-thai-smartcard and pythaiidcard), and the read planner that merges adjacent fields into as few
 * READ commands as Le ≤ 255 allows.
 */
import { MAX_LE } from './apdu.std.js';

export interface FieldSpec {
  readonly offset: number;
  readonly length: number;
}

export const MOI_FIELDS = {
  cid: { offset: 0x0004, length: 13 },
  thaiName: { offset: 0x0011, length: 100 },
  englishName: { offset: 0x0075, length: 100 },
  birthDate: { offset: 0x00d9, length: 8 },
  sex: { offset: 0x00e1, length: 1 },
  issuer: { offset: 0x00f6, length: 100 },
  issueDate: { offset: 0x0167, length: 8 },
  expiryDate: { offset: 0x016f, length: 8 },
  // 160 bytes, not the 100 most readers use: long rural addresses run past 100 (Cardpeek's map).
  address: { offset: 0x1579, length: 160 },
  requestNumber: { offset: 0x1619, length: 14 },
} as const satisfies Record<string, FieldSpec>;

export type MoiField = keyof typeof MOI_FIELDS;

/** Fields that older chips may not hold; a refused read of these is "absent", not a failed card. */
export const OPTIONAL_MOI_FIELDS: ReadonlySet<string> = new Set<MoiField>(['requestNumber']);

export const PHOTO = { offset: 0x017b, length: 5100, chunk: 0xff } as const;

export const NHSO_FIELDS = {
  mainInscl: { offset: 0x0004, length: 0x3c },
  subInscl: { offset: 0x0040, length: 0x64 },
  mainHospital: { offset: 0x00a4, length: 0x50 },
  subHospital: { offset: 0x00f4, length: 0x50 },
  paidType: { offset: 0x0144, length: 1 },
  issueDate: { offset: 0x0145, length: 8 },
  expiryDate: { offset: 0x014d, length: 8 },
  updateDate: { offset: 0x0155, length: 8 },
  changeHospitalAmount: { offset: 0x015d, length: 1 },
} as const satisfies Record<string, FieldSpec>;

export type NhsoField = keyof typeof NHSO_FIELDS;

export interface PlannedRead<F extends string> {
  readonly offset: number;
  readonly length: number;
  readonly fields: readonly F[];
}

/**
 * Bytes of gap worth reading rather than starting a new command: one more READ on T=0 costs its 7-byte header,
 * `61 xx`, a 5-byte GET RESPONSE and a status word (16 bytes on the wire) plus a round trip.
 */
export const MERGE_GAP = 16;

/** Greedy merge of fields sorted by offset: extend the current read while it stays ≤ maxLe and the gap is small. */
export function planReads<F extends string>(
  fields: Readonly<Record<F, FieldSpec>>,
  maxLe: number = MAX_LE,
  maxGap: number = MERGE_GAP,
): PlannedRead<F>[] {
  const entries = (Object.entries(fields) as [F, FieldSpec][]).sort((a, b) => a[1].offset - b[1].offset);
  const plan: { offset: number; end: number; fields: F[] }[] = [];
  for (const [name, spec] of entries) {
    if (spec.length > maxLe) throw new RangeError(`field ${name} longer than one read`);
    const last = plan[plan.length - 1];
    const end = spec.offset + spec.length;
    if (last !== undefined && spec.offset - last.end <= maxGap && Math.max(end, last.end) - last.offset <= maxLe) {
      last.end = Math.max(end, last.end);
      last.fields.push(name);
    } else {
      plan.push({ offset: spec.offset, end, fields: [name] });
    }
  }
  return plan.map((read) => ({ offset: read.offset, length: read.end - read.offset, fields: read.fields }));
}

/** The fields' bytes cut out of one planned read. */
export function sliceFields<F extends string>(
  read: PlannedRead<F>,
  data: Uint8Array,
  fields: Readonly<Record<F, FieldSpec>>,
): Map<F, Uint8Array> {
  const out = new Map<F, Uint8Array>();
  for (const name of read.fields) {
    const spec = fields[name];
    out.set(name, data.slice(spec.offset - read.offset, spec.offset - read.offset + spec.length));
  }
  return out;
}

/** The photo as chunks of at most 255 bytes. */
export function photoChunks(total: number = PHOTO.length, chunk: number = PHOTO.chunk): FieldSpec[] {
  const chunks: FieldSpec[] = [];
  for (let done = 0; done < total; done += chunk)
    chunks.push({ offset: PHOTO.offset + done, length: Math.min(chunk, total - done) });
  return chunks;
}

/** Total bytes the text fields occupy: the floor of what any reader must move off the card for the form. */
export function fieldBytes(fields: Readonly<Record<string, FieldSpec>>): number {
  return Object.values(fields).reduce((sum, spec) => sum + spec.length, 0);
}
