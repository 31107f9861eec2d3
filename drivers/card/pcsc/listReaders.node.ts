/** A one-shot look at the PC/SC readers for the CLI and IT: name, card present, ATR, negotiated protocol. */
import { loadSmartcard } from './pcscBackend.node.js';
import { toCardFailure } from './pcscErrors.node.js';
import { toHex } from '../protocol/apdu.std.js';

export interface ReaderSnapshot {
  readonly name: string;
  readonly present: boolean;
  readonly atr: string | null;
  readonly protocol: 'T=0' | 'T=1' | 'raw' | null;
  /** Why the card could not be connected (mute, busy), as a card error code. */
  readonly problem: string | null;
}

export async function snapshotReaders(): Promise<ReaderSnapshot[]> {
  const sc = loadSmartcard();
  let context;
  try {
    context = new sc.Context();
  } catch (error) {
    throw toCardFailure(error, 'context');
  }
  try {
    const out: ReaderSnapshot[] = [];
    let readers;
    try {
      readers = context.listReaders();
    } catch (error) {
      const failure = toCardFailure(error, 'list readers');
      if (failure.code === 'card_no_reader') return [];
      throw failure;
    }
    for (const reader of readers) {
      const present = (reader.state & sc.SCARD_STATE_PRESENT) !== 0;
      let protocol: ReaderSnapshot['protocol'] = null;
      let problem: string | null = null;
      if (present) {
        try {
          const card = await reader.connect(sc.SCARD_SHARE_SHARED, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
          protocol =
            card.protocol === sc.SCARD_PROTOCOL_T0 ? 'T=0' : card.protocol === sc.SCARD_PROTOCOL_T1 ? 'T=1' : 'raw';
          card.disconnect(sc.SCARD_LEAVE_CARD);
        } catch (error) {
          problem = toCardFailure(error, 'connect').code;
        }
      }
      const atr = reader.atr !== null && reader.atr.length > 0 ? toHex(Uint8Array.from(reader.atr)) : null;
      out.push({ name: reader.name, present, atr, protocol, problem });
    }
    return out;
  } finally {
    context.close();
  }
}
