// The contract over the dev:browser WebSocket, from a test process.
import WebSocket from 'ws';
import { COMMAND_ACCESS } from '../../../electron/contract/access.std.js';
import { isCommandName } from '../../../electron/contract/contract.std.js';
import type { StaffOnDuty } from '../../../electron/contract/staff.std.js';
import type { StaffRole } from '../../../sync/model/staff.std.js';
import { TEST_PIN, testStaffCode } from '../../factories/staff.js';

/** A second client of the bridge, beside the page (what IT tools would do): configure a port, bind a patient, ask the card reader's state. */
export class BridgeClient {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, (result: unknown) => void>();
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (message.type === 'result' && message.id !== undefined) this.#pending.get(message.id)?.(message.result);
    });
  }

  static async connect(appUrl: string): Promise<BridgeClient> {
    const url = new URL(appUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const ws = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new BridgeClient(ws);
  }

  /**
   * The station has one person on duty, shared with the page. A command the person on duty may not run is run
   * as the test account of a role that may (the station's test staff, `addE2eStaff`), through the real sign-in,
   * and the person on duty before is signed in again afterwards.
   */
  async call<T>(name: string, input: unknown): Promise<T> {
    if (!isCommandName(name)) return this.#raw<T>(name, input);
    const access = COMMAND_ACCESS[name];
    if (!Array.isArray(access)) return this.#raw<T>(name, input);
    const onDuty = await this.#raw<StaffOnDuty>('staff.current', {});
    const role = onDuty.staff?.role ?? null;
    if (role !== null && !onDuty.locked && access.includes(role)) return this.#raw<T>(name, input);
    const needed = access[0] as StaffRole;
    await this.#raw('staff.signIn', { code: testStaffCode(needed), pin: TEST_PIN });
    try {
      return await this.#raw<T>(name, input);
    } finally {
      if (onDuty.staff === null) await this.#raw('staff.signOut', {});
      else await this.#raw('staff.signIn', { code: onDuty.staff.id, pin: TEST_PIN });
    }
  }

  async #raw<T>(name: string, input: unknown): Promise<T> {
    const id = this.#nextId++;
    const result = await new Promise<unknown>((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
    });
    const settled = result as { ok: boolean; value?: T; error?: { code: string } };
    if (!settled.ok) throw new Error(`${name} failed: ${settled.error?.code ?? '?'}`);
    return settled.value as T;
  }

  close(): void {
    this.#ws.close();
  }
}
