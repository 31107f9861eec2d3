// The Node process killed mid-write: a real edge node runs in a child process (edgeNodeChild.ts) with an HL7
// MLLP listener; a monitor sends ORU^R01 messages with unique control ids as fast as the ACKs come back and,
// like a real monitor, sends again whatever it got no ACK for. The child is SIGKILLed at seeded-random
// moments (mostly just after a message went out, so the kill lands between the frame, the commit and the
// ACK) and restarted on the same data folder. At the end the station SQLite must hold every ACKed message
// exactly once: none lost, none stored twice (re-sends of messages stored before their ACK was lost included).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ackCode } from '../../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { hl7MllpFrame } from '../../../drivers/devices/simulators/frames.std.js';
import { FS, VT } from '../../../drivers/devices/parsers/hl7.std.js';
import { freeTcpPort } from './deviceNode.js';
import { seededRandom, testSeed } from '../../factories/seededRandom.js';

const KILLS = 10;
const AFTER_LAST_KILL = 20;
const seed = testSeed();
const childScript = join(import.meta.dirname, 'edgeNodeChild.ts');

/** One run of the edge node in a child process; `exited` settles when it is gone (killed or stopped). */
interface EdgeChild {
  readonly process: ChildProcess;
  readonly exited: Promise<void>;
}

function startChild(dataDir: string, port: number): Promise<EdgeChild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childScript, '--data-dir', dataDir, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`edge node child not ready within 30 s:\n${output}`)), 30_000);
    const scan = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('EDGE_CHILD_READY')) return;
      clearTimeout(timer);
      resolve({ process: child, exited });
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`edge node child exited before ready:\n${output}`));
    });
  });
}

/** One monitor connection: sends a frame and resolves with the ACK text, or rejects when the connection closes first. */
class MonitorConnection {
  readonly #socket: Socket;
  #buffer = '';
  #waiter: { resolve: (ack: string) => void; reject: (error: Error) => void } | undefined;
  #closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk.toString('latin1')));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#closed = true;
      this.#waiter?.reject(new Error('connection closed before the ACK'));
      this.#waiter = undefined;
    });
  }

  /** Connects, retrying while nothing listens (the node is restarting), for up to `timeoutMs`. */
  static async open(port: number, timeoutMs = 30_000): Promise<MonitorConnection> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await new Promise<MonitorConnection>((resolve, reject) => {
          const socket = connect({ port, host: '127.0.0.1' }, () => {
            socket.off('error', reject);
            resolve(new MonitorConnection(socket));
          });
          socket.once('error', reject);
        });
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(frame: Uint8Array, timeoutMs = 20_000): Promise<string> {
    if (this.#closed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ACK within timeout')), timeoutMs);
      this.#waiter = {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#socket.write(frame);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #receive(text: string): void {
    this.#buffer += text;
    for (;;) {
      const start = this.#buffer.indexOf(String.fromCharCode(VT));
      const end = this.#buffer.indexOf(String.fromCharCode(FS));
      if (start < 0 || end < 0) return;
      const ack = this.#buffer.slice(start + 1, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const waiter = this.#waiter;
      this.#waiter = undefined;
      waiter?.resolve(ack);
    }
  }
}

/** MSH-10 of a stored raw frame (the control id the monitor gave it). */
function controlIdOf(raw: Buffer): string {
  const msh =
    raw
      .toString('latin1')
      .split('\r')
      .find((segment) => segment.includes('MSH|')) ?? '';
  return msh.slice(msh.indexOf('MSH|')).split('|')[9] ?? '';
}

const dataDir = mkdtempSync(join(tmpdir(), 'edge-kill-'));
let current: EdgeChild | undefined;

afterAll(async () => {
  // Only the child this test started, by its handle.
  if (current !== undefined && current.process.exitCode === null && current.process.signalCode === null) {
    current.process.kill('SIGKILL');
    await current.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('edge node killed mid-write', () => {
  it(`keeps every ACKed HL7 message exactly once over ${KILLS} SIGKILLs (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const port = await freeTcpPort();
    current = await startChild(dataDir, port);

    const acked = new Set<string>();
    const sendCount = new Map<string, number>();
    /** When each message was last sent again after a kill (to tell "stored, ACK lost" from "never stored"). */
    const resentAt = new Map<string, number>();
    /** Sent and not ACKed when the connection died: sent again first, as a monitor does. */
    const unacked: string[] = [];
    let kills = 0;
    let killsWithAckOutstanding = 0;
    let ackedAtLastKill = 0;
    let acksUntilKill = 3 + Math.floor(random() * 40);
    let next = 0;
    let awaitingAck = false;
    let connection = await MonitorConnection.open(port);

    /** SIGKILLs the node a random 0-3 ms after a message went out, then starts it again on the same data folder. */
    async function killAndRestart(victim: EdgeChild): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
      killsWithAckOutstanding += awaitingAck ? 1 : 0;
      victim.process.kill('SIGKILL');
      await victim.exited;
      kills += 1;
      ackedAtLastKill = acked.size;
      acksUntilKill = 3 + Math.floor(random() * 40);
      current = await startChild(dataDir, port);
    }

    /** A message not ACKed yet, else a new one, until AFTER_LAST_KILL more are ACKed after the last kill. */
    function nextToSend(): string | undefined {
      const again = unacked.shift();
      if (again !== undefined) return again;
      if (kills >= KILLS && acked.size >= ackedAtLastKill + AFTER_LAST_KILL) return undefined;
      next += 1;
      return `K${String(seed)}-${String(next).padStart(5, '0')}`;
    }

    for (let id = nextToSend(); id !== undefined; id = nextToSend()) {
      const times = (sendCount.get(id) ?? 0) + 1;
      sendCount.set(id, times);
      if (times > 1) resentAt.set(id, Date.now());
      const ack = connection.send(
        hl7MllpFrame({ sys: 100 + (next % 60), dia: 70, pulse: 72, spo2: 97, tempC: 36.8, resp: 16, controlId: id }),
      );
      awaitingAck = true;
      const victim = current;
      const killing = kills < KILLS && acksUntilKill <= 0 && victim !== undefined ? killAndRestart(victim) : undefined;
      let text: string | undefined;
      try {
        text = await ack;
      } catch (error) {
        // Only a kill closes the connection; anything else (a timeout) is a failure.
        if (killing === undefined || !connection.closed) throw error;
        unacked.push(id);
      } finally {
        awaitingAck = false;
      }
      if (text !== undefined) {
        expect(ackCode(text)).toEqual({ code: 'AA', controlId: id });
        acked.add(id);
        acksUntilKill -= 1;
      }
      if (killing !== undefined) {
        // The kill lands whether or not the ACK beat it: wait for the node to be back and reconnect.
        await killing;
        connection.close();
        connection = await MonitorConnection.open(port);
      }
    }
    connection.close();

    // Stop cleanly so the station database is checkpointed, then read it as a second program would.
    const last = current;
    last.process.kill('SIGTERM');
    await last.exited;
    current = undefined;
    const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
    const rows = db
      .prepare<
        [string],
        { raw: Buffer; received_at: string; status: string }
      >('SELECT raw, received_at, status FROM device_inbox WHERE source = ?')
      .all(`tcp:${String(port)}`);
    db.close();

    const storedCount = new Map<string, number>();
    const storedAt = new Map<string, number>();
    for (const row of rows) {
      const id = controlIdOf(row.raw);
      storedCount.set(id, (storedCount.get(id) ?? 0) + 1);
      storedAt.set(id, Date.parse(row.received_at));
    }
    const lost = [...acked].filter((id) => !storedCount.has(id));
    const duplicated = [...storedCount].filter(([, count]) => count > 1).map(([id]) => id);
    const resent = [...sendCount].filter(([, times]) => times > 1).map(([id]) => id);
    // Stored before the re-send: the node committed it and died before its ACK reached the monitor.
    const ackLostButStored = resent.filter((id) => (storedAt.get(id) ?? Infinity) < (resentAt.get(id) ?? 0)).length;
    console.log(
      `kill mid-write: lost=${lost.length} duplicated=${duplicated.length} kills=${kills} acked=${acked.size} resent=${resent.length} ` +
        `stored=${storedCount.size} ackLostButStored=${ackLostButStored} ackOutstandingAtKill=${killsWithAckOutstanding} seed=${seed}`,
    );
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(rows.every((row) => row.status === 'pending')).toBe(true);
    // Everything sent was in the end ACKed and stored, and nothing was stored that was never sent.
    expect(acked.size).toBe(sendCount.size);
    expect([...storedCount.keys()].sort()).toEqual([...acked].sort());
  });
});
