// `npm run sync -- status|configure` as IT runs it: a separate process reading the station database.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedCentralUrl } from '../sync/centralServer.js';
import type { SyncStatus } from '../../../electron/contract/sync.std.js';
import { provisionedHospital, syncNode, type SyncNode } from './syncNode.js';

const root = resolve(import.meta.dirname, '../../..');
const cli = join(root, 'electron/services/sync/syncCli.node.ts');
const tsx = join(root, 'node_modules/.bin/tsx');

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      tsx,
      [cli, ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 99, stdout, stderr });
      },
    );
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('npm run sync', () => {
  it('status: unconfigured exits 1; the dashboard facts, rejections with reasons; exit 0 when up to date', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'edge-sync-cli-'));
    cleanups.push(() => Promise.resolve(rmSync(empty, { recursive: true, force: true })));
    const none = await run(['status', '--data-dir', empty]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('Not set up');

    const hospital = await provisionedHospital();
    const node: SyncNode = await syncNode(hospital.hcode);
    cleanups.push(() => node.dispose());
    expect(
      (
        await node.dispatch('sync.configure', {
          centralUrl: sharedCentralUrl(),
          username: hospital.stationUser,
          password: hospital.stationPassword,
        })
      ).ok,
    ).toBe(true);
    const at = new Date().toISOString();
    const base = {
      state: 'up_to_date',
      errorCode: null,
      pending: 3,
      docsUp: 40,
      docsDown: 2,
      lastSuccessAt: at,
      conflictsResolved: 1,
      conflicts: [],
    };
    const rejected = {
      ...base,
      rejections: [
        { id: 'Observation/o1', rev: '1-a', status: 403, reason: 'forbidden: observations are immutable', at },
      ],
    };
    expect(await node.dispatch('sync.report', rejected)).toMatchObject({ ok: true, value: { state: 'error' } });

    const text = await run(['status', '--data-dir', node.dataDir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Observation/o1 (HTTP 403): forbidden: observations are immutable');
    expect(text.stdout).toContain('Pending: 3');
    expect(text.stdout).toContain('ใช้ได้ / up');
    expect(text.stdout).not.toContain(hospital.stationPassword);

    expect((await node.dispatch('sync.report', { ...base, rejections: [] })).ok).toBe(true);
    const json = await run(['status', '--json', '--data-dir', node.dataDir]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as SyncStatus & { linkSummary: { probes: number } };
    expect(parsed).toMatchObject({
      configured: true,
      state: 'up_to_date',
      stationUser: hospital.stationUser,
      replication: { pending: 3, docsUp: 40 },
    });
    expect(parsed.linkHistory).toHaveLength(96);
    expect(parsed.linkSummary.probes).toBeGreaterThan(0);
  });

  it('configure: password from EDGE_SYNC_PASSWORD or stdin only, wrong one refused with its code', async () => {
    const hospital = await provisionedHospital();
    const node = await syncNode(hospital.hcode);
    const dataDir = node.dataDir;
    await node.close();
    cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
    const args = ['configure', '--url', sharedCentralUrl(), '--user', hospital.stationUser, '--data-dir', dataDir];
    const wrong = await run(args, { EDGE_SYNC_PASSWORD: 'nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('sync_wrong_password');
    const right = await run(args, { EDGE_SYNC_PASSWORD: hospital.stationPassword });
    expect(right.code, right.stderr).toBe(0);
    const after = await run(['status', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(after.stdout)).toMatchObject({ configured: true, link: { up: true } });
  });
});
