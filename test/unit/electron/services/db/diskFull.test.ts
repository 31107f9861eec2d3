/**
 * The station disk full under the station database (SQLITE_FULL, made here with SQLite's max_page_count): a
 * write command answers `storage_full` in words IT can act on, the station keeps answering, and what it had
 * stored is unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempEdgeNode } from '../../../../factories/edgeNode.js';
import { describeError } from '../../../../../electron/contract/errors.std.js';

const nodes: Awaited<ReturnType<typeof tempEdgeNode>>[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.dispose();
});

describe('station database full', () => {
  it('answers storage_full for a write, keeps what was stored, and keeps serving reads', async () => {
    const node = await tempEdgeNode();
    nodes.push(node);
    const setup = await node.dispatch('settings.setup', {
      hcode: '10953',
      stationName: 'จุดคัดกรอง 1',
      queuePrefix: 'A',
    });
    expect(setup.ok).toBe(true);
    const pages = node.db.pragma('page_count', { simple: true }) as number;
    node.db.pragma(`max_page_count = ${String(pages)}`);
    // Writes that add rows (a port setting and its audit entry each) until a new page is needed.
    let full: Awaited<ReturnType<typeof node.dispatch>> | undefined;
    for (let i = 0; i < 500 && full === undefined; i += 1) {
      const result = await node.dispatch('devices.configure', {
        port: `/dev/ttyUSB${String(i)}`,
        profile: 'omron-hbp9030',
        enabled: false,
      });
      if (!result.ok) full = result;
    }
    expect(full).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect(describeError('storage_full')).toMatch(/พื้นที่เก็บข้อมูลของเครื่องเต็ม.*storage is full/);
    const settings = await node.dispatch('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { hcode: '10953', stationName: 'จุดคัดกรอง 1' } });
  });
});
