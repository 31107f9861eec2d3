// A virtual card in a process of its own, as a real card is. The card reader's PC/SC calls are synchronous
// (smartcard's disconnect and listReaders block the calling thread until pcscd answers), and pcscd may be
// waiting on the card (vpcd's presence poll): with the card answering from the test's own thread, neither
// ever moves again (seen: SCardDisconnect blocked for good in the hotplug test, and no test timeout fired).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CardFaults } from '../../../drivers/card/virtual/thaiCardOS.std.js';
import type { SyntheticIdentity } from '../../../drivers/card/virtual/identity.std.js';

export interface VirtualCard {
  readonly inserted: boolean;
  insert(): Promise<void>;
  remove(): Promise<void>;
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly inserted: boolean;
  readonly error?: string;
}

export interface CardProcessSetup {
  readonly person: SyntheticIdentity;
  readonly atr: Uint8Array;
  readonly faults?: CardFaults | undefined;
  readonly port: number;
  readonly msPerByte?: number | undefined;
}

export class CardProcess implements VirtualCard {
  readonly #child: ChildProcess;
  readonly #ready: Promise<void>;
  readonly #waiting = new Map<number, (reply: Reply) => void>();
  #next = 1;
  #inserted = false;

  constructor(setup: CardProcessSetup) {
    this.#child = fork(fileURLToPath(new URL('./cardProcess.child.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Structured clone, so the photo's bytes cross as bytes.
      serialization: 'advanced',
    });
    this.#ready = new Promise((resolve, reject) => {
      this.#waiting.set(0, () => resolve());
      this.#child.once('exit', (code) => reject(new Error(`virtual card process exited (${String(code)})`)));
      this.#child.send({ id: 0, op: 'setup', setup });
    });
    this.#child.on('message', (reply: Reply) => {
      this.#inserted = reply.inserted;
      const done = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      done?.(reply);
    });
    // Never what keeps a test run alive.
    this.#child.unref();
  }

  get inserted(): boolean {
    return this.#inserted;
  }

  insert(): Promise<void> {
    return this.#ask('insert');
  }

  remove(): Promise<void> {
    return this.#ask('remove');
  }

  async #ask(op: 'insert' | 'remove'): Promise<void> {
    await this.#ready;
    const id = this.#next++;
    const reply = await new Promise<Reply>((resolve) => {
      this.#waiting.set(id, resolve);
      this.#child.send({ id, op });
    });
    if (!reply.ok) throw new Error(`virtual card ${op}: ${reply.error ?? 'failed'}`);
  }
}
