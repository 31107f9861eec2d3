/**
 * npm run bench:card — the virtual card through the real pcscd + vpcd, throttled to ISO 7816 T=0 at 9600 bps
 * (≈1.04 ms per byte each way). Measures our read (time-to-text, time-to-photo, APDUs, bytes) and, on the same
 * card in the same run, a sequential one-field-per-APDU read with photo (what open-source readers do).
 * Ratios: time-to-text / wire time of the 512 text bytes (target ≤ 1.2) and sequential time-to-form /
 * our time-to-text (target ≥ 5). Ends with one JSON line. Starts and stops its own pcscd fixture.
 */
import { CardReader, type CardReaderEmit } from '../../drivers/card/cardReader.node.js';
import { PcscBackend } from '../../drivers/card/pcsc/pcscBackend.node.js';
import { fieldBytes, MOI_FIELDS } from '../../drivers/card/protocol/memoryMap.std.js';
import { T0_9600_MS_PER_BYTE } from '../../drivers/card/virtual/wireClock.node.js';
import { startPcscd, VPCD_READERS } from '../integration/card/pcscdFixture.js';
import { VpcdCard } from '../../drivers/card/virtual/vpcdCard.node.js';
import { ThaiCardOS } from '../../drivers/card/virtual/thaiCardOS.std.js';
import { buildCardImage } from '../../drivers/card/virtual/identity.std.js';
import { VIRTUAL_ATRS } from '../../drivers/card/virtual/atrs.std.js';
import { VPCD_PORTS } from '../integration/card/pcscdFixture.js';
import { identity } from '../factories/cardIdentities.js';
import { EventRecorder } from '../integration/card/recorder.js';
import { sequentialRead } from './cardSequential.js';

const runs = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.slice(7) ?? '3');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const fixture = await startPcscd();
  const recorder = new EventRecorder();
  const emit: CardReaderEmit = recorder.emit;
  const backend = new PcscBackend();
  const reader = new CardReader({ backend, emit, autoRead: false });
  const readerName = VPCD_READERS[0];
  // In this process, for its byte and APDU counts (the tests run the card in a process of its own).
  const card = new VpcdCard({
    os: new ThaiCardOS(buildCardImage(identity(0)), { atr: VIRTUAL_ATRS['3b79'] }),
    port: VPCD_PORTS[0],
    msPerByte: T0_9600_MS_PER_BYTE,
  });
  const ours: { text: number; photo: number; apdusText: number; apdus: number; bytes: number; bytesText: number }[] =
    [];
  const sequential: { form: number; apdus: number; bytes: number }[] = [];
  try {
    reader.start();
    await card.insert();
    await recorder.waitFor('card.status', (status) => status.readers.some((r) => r.name === readerName && r.present), {
      timeoutMs: 15_000,
    });
    for (let run = 0; run < runs; run += 1) {
      // Ours: text as soon as read, then extras (laser id, NHSO) and the photo.
      let before = { apdus: card.apdus, bytes: card.bytesIn + card.bytesOut };
      const since = recorder.mark;
      const start = performance.now();
      const result = await reader.read(readerName);
      const text = performance.now() - start;
      const atText = { apdus: card.apdus - before.apdus, bytes: card.bytesIn + card.bytesOut - before.bytes };
      await recorder.waitFor('card.photo', (event) => event.state === 'done', { since, timeoutMs: 60_000 });
      const photo = performance.now() - start;
      await result.finished;
      ours.push({
        text,
        photo,
        apdusText: atText.apdus,
        bytesText: atText.bytes,
        apdus: card.apdus - before.apdus,
        bytes: card.bytesIn + card.bytesOut - before.bytes,
      });

      // Sequential baseline on the same card, same stack, same throttle.
      before = { apdus: card.apdus, bytes: card.bytesIn + card.bytesOut };
      const session = await backend.connect(readerName);
      const seqStart = performance.now();
      await sequentialRead(session);
      const form = performance.now() - seqStart;
      await session.close();
      sequential.push({ form, apdus: card.apdus - before.apdus, bytes: card.bytesIn + card.bytesOut - before.bytes });
      console.log(
        `run ${run + 1}/${runs}: ours text ${text.toFixed(0)} ms, photo ${photo.toFixed(0)} ms; sequential form ${form.toFixed(0)} ms`,
      );
    }
  } finally {
    await card.remove();
    await reader.stop();
    await fixture.stop();
  }

  const textBytes = fieldBytes(MOI_FIELDS);
  const wireLimitMs = textBytes * T0_9600_MS_PER_BYTE;
  const last = ours[ours.length - 1];
  const lastSeq = sequential[sequential.length - 1];
  const timeToText = median(ours.map((run) => run.text));
  const timeToPhoto = median(ours.map((run) => run.photo));
  const seqForm = median(sequential.map((run) => run.form));
  const figures = {
    bench: 'card',
    runs,
    msPerByte: round(T0_9600_MS_PER_BYTE, 4),
    apdusText: last?.apdusText ?? 0,
    apdusTotal: last?.apdus ?? 0,
    bytesText: last?.bytesText ?? 0,
    bytesTotal: last?.bytes ?? 0,
    textFieldBytes: textBytes,
    timeToTextMs: round(timeToText),
    timeToPhotoMs: round(timeToPhoto),
    wireLimitTextMs: round(wireLimitMs),
    textVsWireLimit: round(timeToText / wireLimitMs, 3),
    sequentialApdus: lastSeq?.apdus ?? 0,
    sequentialBytes: lastSeq?.bytes ?? 0,
    sequentialTimeToFormMs: round(seqForm),
    speedupVsSequential: round(seqForm / timeToText, 2),
    targets: { textVsWireLimitMax: 1.2, speedupMin: 5 },
  };
  console.log('');
  console.log(
    `APDUs: text ${figures.apdusText}, whole read ${figures.apdusTotal} (sequential reader: ${figures.sequentialApdus})`,
  );
  console.log(
    `bytes on the wire: text ${figures.bytesText}, whole read ${figures.bytesTotal} (sequential: ${figures.sequentialBytes})`,
  );
  console.log(
    `time-to-text ${figures.timeToTextMs} ms = ${figures.textVsWireLimit}× the wire time of the ${textBytes} text bytes (${figures.wireLimitTextMs} ms)`,
  );
  console.log(`time-to-photo ${figures.timeToPhotoMs} ms (text, laser id, NHSO, 5100-byte photo)`);
  console.log(
    `sequential one-field-per-APDU read with photo: time-to-form ${figures.sequentialTimeToFormMs} ms → ours is ${figures.speedupVsSequential}× faster to text`,
  );
  console.log(JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
