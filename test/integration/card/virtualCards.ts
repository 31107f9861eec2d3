// Virtual cards on the fixture's vpcd readers, and a CardReader over real PC/SC recording its events.
import { CardReader } from '../../../drivers/card/cardReader.node.js';
import { PcscBackend } from '../../../drivers/card/pcsc/pcscBackend.node.js';
import type { CardFaults } from '../../../drivers/card/virtual/thaiCardOS.std.js';
import type { SyntheticIdentity } from '../../../drivers/card/virtual/identity.std.js';
import { CardProcess, type VirtualCard } from './cardProcess.js';
import { VIRTUAL_ATRS, type VirtualAtr } from '../../../drivers/card/virtual/atrs.std.js';
import { EventRecorder } from './recorder.js';
import { VPCD_PORTS, VPCD_READERS } from './pcscdFixture.js';

/** A virtual card on a vpcd reader, answering from its own process (cardProcess.ts says why). */
export function vpcdCard(
  person: SyntheticIdentity,
  options: { atr?: VirtualAtr | Uint8Array; faults?: CardFaults; slot?: 0 | 1; msPerByte?: number } = {},
): VirtualCard {
  const atr = options.atr instanceof Uint8Array ? options.atr : VIRTUAL_ATRS[options.atr ?? '3b79'];
  return new CardProcess({
    person,
    atr,
    faults: options.faults,
    port: VPCD_PORTS[options.slot ?? 0],
    msPerByte: options.msPerByte,
  });
}

/** A CardReader on real PC/SC, started, with both vpcd readers attached. */
export async function pcscReader(
  options: { photoWanted?: () => boolean; autoRead?: boolean } = {},
): Promise<{ reader: CardReader; recorder: EventRecorder; backend: PcscBackend }> {
  const recorder = new EventRecorder();
  const backend = new PcscBackend();
  const reader = new CardReader({ backend, emit: recorder.emit, today: () => '2026-11-23', ...options });
  reader.start();
  await recorder.waitFor(
    'card.status',
    (status) => status.service === 'up' && VPCD_READERS.every((name) => status.readers.some((r) => r.name === name)),
  );
  return { reader, recorder, backend };
}
