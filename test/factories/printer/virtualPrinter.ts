/**
 * A receipt printer of our own for tests: listens on 127.0.0.1 (a free port unless one is asked for, 9100 for a
 * manual run), reads each connection's ESC/POS to its end and keeps it as a "ticket": the bytes, the parsed
 * commands and the raster, which `toPng` renders as a thermal printer would (1 bits black on white paper).
 * `startUnresponsivePrinter()` is an address where nothing answers (a printer hung or off the network).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { Raster } from '../../../drivers/printer/escpos.std.js';
import { concatBytes } from '../../../drivers/bytes.std.js';
import { joinRasters, parseEscPos, type EscPosCommand } from './escposParser.js';

export interface Ticket {
  readonly bytes: Uint8Array;
  readonly commands: readonly EscPosCommand[];
  readonly raster: Raster | null;
  readonly cut: boolean;
}

export interface VirtualPrinter {
  readonly host: string;
  readonly port: number;
  readonly tickets: readonly Ticket[];
  /** Resolves with the next ticket whose connection has closed (or one already there beyond `after`). */
  nextTicket(after?: number, timeoutMs?: number): Promise<Ticket>;
  close(): Promise<void>;
}

export async function startVirtualPrinter(port = 0): Promise<VirtualPrinter> {
  const tickets: Ticket[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Uint8Array[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(new Uint8Array(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      const bytes = concatBytes(chunks);
      if (bytes.length === 0) return;
      const { commands } = parseEscPos(bytes);
      tickets.push({
        bytes,
        commands,
        raster: joinRasters(commands),
        cut: commands.some((command) => command.kind === 'cut'),
      });
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('virtual printer: no address');
  return {
    host: '127.0.0.1',
    port: address.port,
    tickets,
    nextTicket(after = tickets.length, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const ticket = tickets[after];
          if (ticket === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(ticket);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`virtual printer: no ticket #${after + 1} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The raster as a PNG: black dots on white paper, one pixel per dot. */
export function rasterToPng(raster: Raster): Uint8Array {
  const width = raster.widthBytes * 8;
  const png = new PNG({ width, height: raster.height });
  for (let y = 0; y < raster.height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const black = ((raster.data[y * raster.widthBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const at = (y * width + x) * 4;
      const value = black === 1 ? 0 : 255;
      png.data[at] = value;
      png.data[at + 1] = value;
      png.data[at + 2] = value;
      png.data[at + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

export function saveTicketPng(ticket: Ticket, path: string): void {
  if (ticket.raster === null) throw new Error('virtual printer: the ticket holds no raster');
  writeFileSync(path, rasterToPng(ticket.raster));
}

/**
 * A port where a connection never completes, like a hung printer: a listener (python3, since Node accepts at
 * once) with an accept queue of one that never accepts, and that one place taken, so the kernel drops further SYNs.
 */
export async function startUnresponsivePrinter(): Promise<{ readonly port: number; close(): void }> {
  const child = spawn(
    'python3',
    [
      '-c',
      "import socket,time\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(600)",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
  });
  const filler = connect(port, '127.0.0.1');
  filler.on('error', () => undefined);
  await new Promise<void>((resolve) => filler.once('connect', () => resolve()));
  return {
    port,
    close() {
      filler.destroy();
      child.kill();
    },
  };
}

/** A loopback port nothing listens on (a printer switched off). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
