// A real edge node in its own Node process, for the kill-mid-write test: `node --import tsx edgeNodeChild.ts
// --data-dir D --port P` opens the station in D, listens for HL7 over MLLP on 127.0.0.1:P (configured on the
// first start, reopened from the station database on later ones) and prints `EDGE_CHILD_READY port=P` once
// the listener is bound. SIGTERM closes it cleanly; the test SIGKILLs it mid-write.
import { parseArgs } from 'node:util';
import { createEdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { staffed } from '../../factories/staff.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
  const dataDir = values['data-dir'];
  const port = `tcp:${values.port ?? ''}`;
  if (dataDir === undefined || values.port === undefined)
    throw new Error('usage: edgeNodeChild.ts --data-dir D --port P');
  const node = staffed(
    await createEdgeNode({
      dataDir,
      devices: { tcpHost: '127.0.0.1' },
      card: { backend: 'off' },
      sync: { autoStart: false },
    }),
  );
  const listening = new Promise<void>((resolve) => {
    const isListening = (): boolean =>
      node.devices.statuses().some((status) => status.port === port && status.state === 'listening');
    const stop = node.events.subscribe(() => {
      if (!isListening()) return;
      stop();
      resolve();
    });
    if (isListening()) {
      stop();
      resolve();
    }
  });
  // The first start configures the port; a restart finds it in the station database and opens it itself.
  if (!node.devices.inbox.ports().some((row) => row.port === port)) {
    const allowed = await node.dispatch('devices.listener', { port, allow: ['127.0.0.1'] });
    if (!allowed.ok) throw new Error(`devices.listener: ${allowed.error.code}`);
    const result = await node.dispatch('devices.configure', { port, profile: 'hl7-mllp' });
    if (!result.ok) throw new Error(`devices.configure: ${result.error.code}`);
  }
  await listening;
  process.stdout.write(`EDGE_CHILD_READY port=${values.port}\n`);
  process.once('SIGTERM', () => {
    void node.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
