// The virtual receipt printer by hand: `npm run printer:virtual [-- --port 9100 --out test-output/virtual-printer]`
// listens on 127.0.0.1 and saves each slip it receives as a PNG (IT's printer setting: TCP, 127.0.0.1, 9100).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { saveTicketPng, startVirtualPrinter } from './virtualPrinter.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    out: { type: 'string', default: 'test-output/virtual-printer' },
  },
});
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const printer = await startVirtualPrinter(Number(values.port));
console.log(`virtual receipt printer on ${printer.host}:${printer.port}; slips saved in ${out} (Ctrl-C stops)`);
for (let count = 0; ; count += 1) {
  const ticket = await printer.nextTicket(count, 24 * 3600_000);
  const commands = ticket.commands.map((command) => command.kind).join(' ');
  if (ticket.raster === null) {
    console.log(`#${count + 1}: ${ticket.bytes.length} bytes, no raster (${commands})`);
    continue;
  }
  const file = join(out, `slip-${String(count + 1).padStart(3, '0')}.png`);
  saveTicketPng(ticket, file);
  console.log(
    `#${count + 1}: ${ticket.bytes.length} bytes, ${ticket.raster.widthBytes * 8}×${ticket.raster.height} dots, ${ticket.cut ? 'cut' : 'NOT cut'} → ${file}`,
  );
}
