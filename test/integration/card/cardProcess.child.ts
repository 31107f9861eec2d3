// The child side of cardProcess.ts: one virtual card on a vpcd reader, driven over the IPC channel.
import { VpcdCard } from '../../../drivers/card/virtual/vpcdCard.node.js';
import { ThaiCardOS, type CardFaults } from '../../../drivers/card/virtual/thaiCardOS.std.js';
import { buildCardImage, type SyntheticIdentity } from '../../../drivers/card/virtual/identity.std.js';

interface Setup {
  readonly person: SyntheticIdentity;
  readonly atr: Uint8Array;
  readonly faults?: CardFaults;
  readonly port: number;
  readonly msPerByte?: number;
}
type Request =
  | { readonly id: number; readonly op: 'setup'; readonly setup: Setup }
  | { readonly id: number; readonly op: 'insert' | 'remove' };

let card: VpcdCard | null = null;

// The channel is opened with structured clone ('advanced'), so the photo's bytes arrive as bytes.
process.on('message', (message: Request) => {
  if (message.op === 'setup') {
    const { setup } = message;
    card = new VpcdCard({
      os: new ThaiCardOS(buildCardImage(setup.person), { atr: setup.atr, faults: setup.faults }),
      port: setup.port,
      msPerByte: setup.msPerByte,
    });
    process.send?.({ id: message.id, ok: true, inserted: false });
    return;
  }
  if (card === null) throw new Error('virtual card: insert or remove before setup');
  const step = message.op === 'insert' ? card.insert() : card.remove();
  step.then(
    () => process.send?.({ id: message.id, ok: true, inserted: card?.inserted ?? false }),
    (error: unknown) =>
      process.send?.({ id: message.id, ok: false, error: String(error), inserted: card?.inserted ?? false }),
  );
});
// The test process went away: take the card out with it.
process.on('disconnect', () => {
  void (card?.remove() ?? Promise.resolve()).finally(() => process.exit(0));
});
