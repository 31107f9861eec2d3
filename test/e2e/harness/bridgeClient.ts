// The contract over the dev:browser WebSocket, from a test process.
import WebSocket from 'ws';

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

  async call<T>(name: string, input: unknown): Promise<T> {
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
