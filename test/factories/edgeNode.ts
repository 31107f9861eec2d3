// A real edge node (SQLite, services, dispatcher) in a temporary folder, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode, type EdgeNodeOptions } from '../../electron/services/compositionRoot.node.js';
import { staffed } from './staff.js';

export async function tempEdgeNode(
  options: Partial<Omit<EdgeNodeOptions, 'dataDir'>> = {},
): Promise<EdgeNode & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-test-'));
  // No PC/SC card service: a test node must not read cards another suite inserts into pcscd.
  const node = staffed(await createEdgeNode({ card: { backend: 'off' }, ...options, dataDir }));
  return Object.assign(node, {
    async dispose() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
