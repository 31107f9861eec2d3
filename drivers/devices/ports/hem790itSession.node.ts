/**
 * Downloads the stored readings of an Omron HEM-790IT (libomron's protocol notes): reading mode by
 * feature report, the clearing block, GDC (count), GME per record (re-asked on "NO"), then END.
 * Each record's 14 bytes go to `onRecord`; decoding (and its XOR check) is the pipeline's job.
 */
import {
  GDC_LENGTH,
  GME_LENGTH,
  ReportAssembler,
  commandReports,
  countCommand,
  endCommand,
  parseReply,
  readingCommand,
  readingModeFeature,
  recordCount,
  type Reply,
} from '../parsers/omronHem790it.std.js';
import type { HidConnection } from './hidBoundary.node.js';

const readTimeoutMs = 1000;
const retriesOnNo = 3;

async function exchange(conn: HidConnection, command: readonly number[], dataLength: number): Promise<Reply> {
  for (const report of commandReports(command)) await conn.write(report);
  const assembler = new ReportAssembler();
  const wanted = dataLength === 0 ? 2 : 3 + dataLength;
  while (assembler.length < wanted) {
    const report = await conn.read(readTimeoutMs);
    if (report === undefined) break;
    assembler.push(report);
    const head = String.fromCharCode(...assembler.peek().slice(0, 3));
    if (head.startsWith('NO') || head === 'OFF') break;
  }
  return parseReply(assembler.take(), dataLength);
}

async function clearingBlock(conn: HidConnection): Promise<void> {
  await conn.write([7, 0, 0, 0, 0, 0, 0, 0]);
  await conn.read(readTimeoutMs);
  for (let i = 0; i < 3; i += 1) await conn.write([7, 0, 0, 0, 0, 0, 0, 0]);
  await conn.write([2, 0, 0, 0, 0, 0, 0, 0]);
  await conn.read(readTimeoutMs);
}

export interface DownloadResult {
  readonly records: number;
  readonly failed: number;
}

export async function downloadHem790it(
  conn: HidConnection,
  onRecord: (record: Uint8Array) => void,
  bank = 0,
): Promise<DownloadResult> {
  await conn.sendFeatureReport(readingModeFeature);
  await clearingBlock(conn);
  const countReply = await exchange(conn, countCommand(bank), GDC_LENGTH);
  const count = countReply.kind === 'ok' ? recordCount(countReply.data) : undefined;
  if (count === undefined)
    throw new Error(`GDC failed: ${countReply.kind === 'bad' ? countReply.detail : countReply.kind}`);
  let failed = 0;
  for (let index = count - 1; index >= 0; index -= 1) {
    let reply: Reply = { kind: 'no' };
    for (let attempt = 0; attempt <= retriesOnNo && reply.kind === 'no'; attempt += 1) {
      reply = await exchange(conn, readingCommand(bank, index), GME_LENGTH);
    }
    if (reply.kind === 'ok') onRecord(reply.data);
    else failed += 1;
  }
  await exchange(conn, endCommand(), 0);
  return { records: count, failed };
}
