/**
 * IT's command line for the card reader:
 *   npm run card -- readers                      readers, card present, ATR, protocol
 *   npm run card -- read [--json] [--no-photo] [--reader NAME] [--photo-file out.jpg] [--wait SECONDS] [--demo]
 * Errors are printed in plain Thai and English from the card error catalogue; exit code 2.
 * Card contents are printed only to this terminal, never logged.
 */
import { writeFileSync } from 'node:fs';
import { describeCardError } from '../cardErrors.std.js';
import { cardWarningText, type CardExtras, type CardRead, type CardText } from '../cardRead.std.js';
import { CardReader, type CardReaderEmit } from '../cardReader.node.js';
import { PcscBackend } from '../pcsc/pcscBackend.node.js';
import { snapshotReaders } from '../pcsc/listReaders.node.js';
import { pcscErrorCode } from '../pcsc/pcscErrors.node.js';
import { CardFailure } from '../protocol/failure.std.js';
import { formatCid } from '../../../sync/model/cid.std.js';
import type { CardBackend } from '../backend.std.js';
import { InProcessBackend } from '../virtual/inProcessBackend.node.js';
import { ThaiCardOS } from '../virtual/thaiCardOS.std.js';
import { buildCardImage } from '../virtual/identity.std.js';
import { demoIdentities } from '../virtual/demoIdentities.std.js';
import { VIRTUAL_ATRS } from '../virtual/atrs.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

interface Flags {
  readonly json: boolean;
  readonly photo: boolean;
  readonly reader: string | undefined;
  readonly photoFile: string | undefined;
  readonly waitSeconds: number;
  readonly demo: boolean;
}

function parseFlags(args: readonly string[]): Flags {
  const value = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  return {
    json: args.includes('--json'),
    photo: !args.includes('--no-photo'),
    reader: value('--reader'),
    photoFile: value('--photo-file'),
    waitSeconds: Number(value('--wait') ?? '30'),
    demo: args.includes('--demo'),
  };
}

function fail(error: unknown): never {
  const code = error instanceof CardFailure ? error.code : pcscErrorCode(error);
  const detail = errorMessage(error);
  console.error(describeCardError(code) ?? detail);
  if (process.env.EDGE_DEBUG === '1') console.error(`(${code}: ${detail})`);
  process.exit(2);
}

async function readersCommand(): Promise<void> {
  const readers = await snapshotReaders();
  if (readers.length === 0) fail(new CardFailure('card_no_reader', 'no readers'));
  for (const reader of readers) {
    const card = reader.present ? `บัตร/card: ${reader.atr ?? '?'} ${reader.protocol ?? ''}` : 'ไม่มีบัตร / no card';
    const described = reader.problem === null ? null : describeCardError(reader.problem);
    const problem = described === null ? '' : `  ! ${described}`;
    console.log(`${reader.name}\n  ${card}${problem}`);
  }
}

function nameLine(name: CardText['thaiName']): string {
  return [name.prefix, name.first, name.middle, name.last].filter((part) => part !== '').join(' ');
}

function printHuman(card: CardText, extras: CardExtras | null, photo: CardRead['photo']): void {
  const a = card.address;
  const lines = [
    `เลขประจำตัวประชาชน / CID: ${formatCid(card.cid)} (ประเภท/type ${card.personType})`,
    `ชื่อ: ${nameLine(card.thaiName)}`,
    `Name: ${nameLine(card.englishName)}`,
    `เกิด / Born: ${card.birthDate ?? '-'}   เพศ / Sex: ${card.sex}`,
    `ที่อยู่ / Address: ${a.full}`,
    `  houseNo=${a.houseNo ?? ''} villageNo=${a.villageNo ?? ''} lane=${a.lane ?? ''} road=${a.road ?? ''} subdistrict=${a.subdistrict ?? ''} district=${a.district ?? ''} province=${a.province ?? ''}`,
    `ออกบัตร / Issued: ${card.issueDate ?? '-'} (${card.issuer})   หมดอายุ / Expires: ${card.expiryDate ?? 'ตลอดชีพ / lifelong'}`,
    `เลขคำขอ / Request no.: ${card.requestNumber ?? '-'}   Laser ID: ${extras?.laserId ?? '-'}`,
    `สิทธิ สปสช. / NHSO: ${extras?.nhso === null || extras === null ? '-' : `${extras.nhso.mainInscl} ${extras.nhso.subInscl} @ ${extras.nhso.mainHospital}`}`,
    `รูป / Photo: ${photo === null ? '-' : `${photo.bytes} bytes sha256 ${photo.sha256}`}`,
    `ATR: ${card.atr}`,
  ];
  for (const warning of [...card.warnings, ...(extras?.warnings ?? [])])
    lines.push(`! ${cardWarningText[warning].th} / ${cardWarningText[warning].en}`);
  console.log(lines.join('\n'));
}

function demoBackend(): InProcessBackend {
  const backend = new InProcessBackend();
  const identity = demoIdentities[0];
  if (identity === undefined) throw new Error('no demo identity');
  setImmediate(() => backend.insert(new ThaiCardOS(buildCardImage(identity), { atr: VIRTUAL_ATRS['3b79'] })));
  return backend;
}

async function readCommand(flags: Flags): Promise<void> {
  const backend: CardBackend = flags.demo ? demoBackend() : new PcscBackend();
  let extras: CardExtras | null = null;
  let photo: { base64: string; bytes: number; sha256: string } | null = null;
  let failure: CardFailure | null = null;
  let wake: () => void = () => undefined;
  const emit: CardReaderEmit = (name, payload) => {
    if (name === 'card.extras') extras = (payload as { extras: CardExtras }).extras;
    if (name === 'card.photo') {
      const event = payload as { state: string; photo: typeof photo; received: number; total: number };
      if (event.state === 'done') photo = event.photo;
      else if (event.state === 'progress' && !flags.json)
        process.stderr.write(`\rรูป / photo ${event.received}/${event.total}`);
    }
    if (name === 'card.error') {
      const event = payload as { code: CardFailure['code']; message: string };
      failure = new CardFailure(event.code, event.message);
    }
    wake();
  };
  const reader = new CardReader({ backend, emit, autoRead: false });
  reader.start();
  const started = Date.now();
  const deadline = started + flags.waitSeconds * 1000;
  // Wait (bounded) for the monitor to list readers and for a card: the clerk may insert it after starting.
  let name: string | null = null;
  let asked = false;
  while (name === null) {
    try {
      name = reader.pickReader(flags.reader);
    } catch (error) {
      const code = error instanceof CardFailure ? error.code : 'card_io_failed';
      // No service for 3 s (the monitor retries) or nothing within --wait: give up with the plain-words error.
      if (Date.now() > deadline || (code === 'card_no_service' && Date.now() - started > 3000)) {
        await reader.stop();
        fail(error);
      }
      if (code === 'card_no_card' && !asked && !flags.json) {
        console.error('กรุณาเสียบบัตรประชาชน / Please insert the ID card');
        asked = true;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 200);
      });
    }
  }
  try {
    const result = await reader.read(name, { photo: flags.photo });
    await result.finished;
    if (!flags.json) process.stderr.write('\n');
    if (failure !== null) throw failure;
    const photoSummary =
      photo === null
        ? null
        : { bytes: (photo as { bytes: number }).bytes, sha256: (photo as { sha256: string }).sha256 };
    if (flags.photoFile !== undefined && photo !== null)
      writeFileSync(flags.photoFile, Buffer.from((photo as { base64: string }).base64, 'base64'));
    const finalExtras = extras as CardExtras | null;
    if (flags.json) {
      const out: CardRead = {
        ...result.card,
        laserId: finalExtras?.laserId ?? null,
        nhso: finalExtras?.nhso ?? null,
        photo: photoSummary,
      };
      console.log(JSON.stringify(out));
    } else {
      printHuman(result.card, finalExtras, photoSummary);
    }
  } catch (error) {
    await reader.stop();
    fail(error);
  }
  await reader.stop();
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'readers') return readersCommand();
  if (command === 'read') return readCommand(parseFlags(args));
  console.error(
    'ใช้ / usage: npm run card -- readers | read [--json] [--no-photo] [--reader NAME] [--photo-file out.jpg] [--wait SECONDS] [--demo]',
  );
  process.exit(1);
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(error),
);
