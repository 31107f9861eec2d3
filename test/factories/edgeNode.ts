// A real edge node (SQLite, services, dispatcher) in a temporary folder, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../../electron/services/compositionRoot.node.js';
import { staffed } from './staff.js';

export async function tempEdgeNode(): Promise<EdgeNode & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-test-'));
  // No PC/SC card service: a test node must not read cards another suite inserts into pcscd.
  const node = staffed(await createEdgeNode({ dataDir, card: { backend: 'off' } }));
  return Object.assign(node, {
    async dispose() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
