// The baseline of the card benchmark: what open-source Thai ID readers do — SELECT with its GET RESPONSE, then one
// READ + GET RESPONSE per field (address 100 bytes), then the photo's 20 chunks, and only then the form is filled.
import { AID_MOI, readBinaryApdu, selectApdu } from '../../drivers/card/protocol/apdu.std.js';
import { CardChannel } from '../../drivers/card/protocol/channel.std.js';
import { MOI_FIELDS, photoChunks } from '../../drivers/card/protocol/memoryMap.std.js';
import type { CardSession } from '../../drivers/card/backend.std.js';

const SEQUENTIAL_FIELDS = [
  MOI_FIELDS.cid,
  MOI_FIELDS.thaiName,
  MOI_FIELDS.englishName,
  MOI_FIELDS.birthDate,
  MOI_FIELDS.sex,
  MOI_FIELDS.issuer,
  MOI_FIELDS.issueDate,
  MOI_FIELDS.expiryDate,
  { offset: MOI_FIELDS.address.offset, length: 100 },
];

/** Returns when everything a sequential reader needs before it fills the form (text and photo) is read. */
export async function sequentialRead(session: CardSession): Promise<{ apdus: number }> {
  const channel = new CardChannel(session.transmit, session.atr);
  await channel.exchange(selectApdu(AID_MOI), 'select');
  for (const field of SEQUENTIAL_FIELDS)
    await channel.read(readBinaryApdu(field.offset, field.length), field.length, 'field');
  for (const chunk of photoChunks())
    await channel.read(readBinaryApdu(chunk.offset, chunk.length), chunk.length, 'photo');
  return { apdus: channel.apdus };
}
