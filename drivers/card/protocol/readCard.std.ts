/**
 * Reading a Thai ID card, transport-agnostic: text fields in as few READs as the card allows, then the optional
 * applets (laser id, NHSO), then the photo in chunks with progress. Pure async code over a CardChannel, so the
 * same steps run on PC/SC, vpcd and the in-process virtual card, and are unit-tested without hardware.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { CardExtras, CardText, CardWarning, NhsoRights } from '../cardRead.std.js';
import {
  AID_CARD,
  AID_MOI,
  AID_NHSO,
  LASER_ID_COMMAND,
  LASER_ID_LENGTH,
  readBinaryApdu,
  selectApdu,
  toHex,
} from './apdu.std.js';
import { CardStatusError, type CardChannel } from './channel.std.js';
import { CardFailure } from './failure.std.js';
import {
  MOI_FIELDS,
  NHSO_FIELDS,
  OPTIONAL_MOI_FIELDS,
  photoChunks,
  planReads,
  sliceFields,
  type FieldSpec,
  type MoiField,
  type NhsoField,
} from './memoryMap.std.js';
import { decodeMoiFields } from './decodeCard.std.js';
import { decodeField } from './text.std.js';
import { parseBuddhistDate } from './dates.std.js';

export async function selectApplet(channel: CardChannel, aid: Uint8Array, what: string): Promise<void> {
  // The FCI after SELECT is not needed: skip its GET RESPONSE (saves a round trip and ~17 bytes on the wire).
  await channel.exchange(selectApdu(aid), `select ${what}`, { fetch: false });
}

/** Reads the planned fields; a merged read the card refuses falls back to one read per field, optional fields may be absent. */
export async function readFields<F extends string>(
  channel: CardChannel,
  fields: Readonly<Record<F, FieldSpec>>,
  optional: ReadonlySet<string> = new Set(),
): Promise<Map<F, Uint8Array>> {
  const out = new Map<F, Uint8Array>();
  for (const read of planReads(fields)) {
    try {
      const data = await channel.read(
        readBinaryApdu(read.offset, read.length),
        read.length,
        `read ${read.fields.join('+')}`,
      );
      for (const [name, bytes] of sliceFields(read, data, fields)) out.set(name, bytes);
    } catch (error) {
      if (!(error instanceof CardStatusError) || read.fields.length === 1) {
        if (error instanceof CardStatusError && read.fields.every((name) => optional.has(name))) continue;
        throw error;
      }
      for (const name of read.fields) {
        const spec = fields[name];
        try {
          out.set(name, await channel.read(readBinaryApdu(spec.offset, spec.length), spec.length, `read ${name}`));
        } catch (inner) {
          if (!(inner instanceof CardStatusError) || !optional.has(name)) throw inner;
        }
      }
    }
  }
  return out;
}

/** SELECT the ID-card applet and read every text field. `today` is the ISO day used for the expiry warning. */
export async function readCardText(channel: CardChannel, atr: Uint8Array, today: string): Promise<CardText> {
  await selectApplet(channel, AID_MOI, 'MOI applet');
  const fields = await readFields<MoiField>(channel, MOI_FIELDS, OPTIONAL_MOI_FIELDS);
  return decodeMoiFields(fields, toHex(atr), today);
}

async function readLaserId(channel: CardChannel): Promise<string | null> {
  try {
    await selectApplet(channel, AID_CARD, 'card applet');
    const data = await channel.exchange(LASER_ID_COMMAND, 'laser id');
    const text = decodeField(data.slice(0, LASER_ID_LENGTH));
    return text === '' ? null : text;
  } catch (error) {
    if (error instanceof CardStatusError) return null; // chips from before ~2015 have no laser id
    throw error;
  }
}

function nhsoDate(bytes: Uint8Array | undefined): string | null {
  const parsed = parseBuddhistDate(decodeField(bytes ?? new Uint8Array(0)));
  return parsed.kind === 'date' ? parsed.iso : null;
}

async function readNhso(channel: CardChannel): Promise<NhsoRights | null> {
  try {
    await selectApplet(channel, AID_NHSO, 'NHSO applet');
    const fields = await readFields<NhsoField>(channel, NHSO_FIELDS);
    const text = (name: NhsoField): string => decodeField(fields.get(name) ?? new Uint8Array(0));
    return {
      mainInscl: text('mainInscl'),
      subInscl: text('subInscl'),
      mainHospital: text('mainHospital'),
      subHospital: text('subHospital'),
      paidType: text('paidType'),
      issueDate: nhsoDate(fields.get('issueDate')),
      expiryDate: nhsoDate(fields.get('expiryDate')),
      updateDate: nhsoDate(fields.get('updateDate')),
      changeHospitalAmount: text('changeHospitalAmount'),
    };
  } catch (error) {
    if (error instanceof CardStatusError) return null;
    throw error;
  }
}

/** Laser id and NHSO rights; either may be missing on a chip, which is a warning, not a failure. */
export async function readCardExtras(channel: CardChannel): Promise<CardExtras> {
  const warnings: CardWarning[] = [];
  const laserId = await readLaserId(channel);
  if (laserId === null) warnings.push('laser_id_absent');
  const nhso = await readNhso(channel);
  if (nhso === null) warnings.push('nhso_absent');
  return { laserId, nhso, warnings };
}

export type PhotoProgress = (received: number, total: number) => void;

/** The photo region in 255-byte chunks, bytes exactly as on the chip (trimming 0x20 would corrupt the JPEG). */
export async function readPhoto(
  channel: CardChannel,
  onProgress: PhotoProgress = () => undefined,
  reselect = true,
): Promise<Uint8Array> {
  if (reselect) await selectApplet(channel, AID_MOI, 'MOI applet');
  const chunks = photoChunks();
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const photo = new Uint8Array(total);
  let received = 0;
  for (const [index, chunk] of chunks.entries()) {
    const data = await channel.read(
      readBinaryApdu(chunk.offset, chunk.length),
      chunk.length,
      `photo chunk ${index + 1}/${chunks.length}`,
    );
    photo.set(data, received);
    received += data.length;
    onProgress(received, total);
  }
  return photo;
}

export function sha256Hex(bytes: Uint8Array): string {
  return Array.from(sha256(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export { CardFailure };
