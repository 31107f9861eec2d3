/**
 * IT's command line for sync with central:
 *   npm run sync -- status [--json] [--data-dir DIR]
 *       what the dashboard shows, read-only from the station database (the running app's last probe and
 *       replication report); exit code 1 when the state is error or unconfigured.
 *   npm run sync -- configure --url URL --user NAME [--ca FILE.pem] [--data-dir DIR]
 *       logs in and stores the link (dev/browser mode: the password goes into the 0600 file keystore; the
 *       Electron app keeps it in the OS keystore and is configured from its IT screen). The password is read
 *       from EDGE_SYNC_PASSWORD or from stdin, never from the command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../dataDir.node.js';
import { describeError, isErrorCode } from '../../contract/errors.std.js';
import { isEdgeError } from '../../contract/result.std.js';
import { openStationDb } from '../db/stationDb.node.js';
import { SettingsService } from '../settings/settingsService.node.js';
import { AuditLog } from '../audit/auditLog.node.js';
import { EventBus } from '../eventBus.node.js';
import { createLogger } from '../logging/logger.node.js';
import { HospitalKey } from '../identity/hospitalKey.node.js';
import { FileKeystore } from './keystore.node.js';
import { SyncService } from './syncService.node.js';
import { readStoredStatus } from './storedStatus.node.js';
import { exitCodeOf, statusLines } from './statusText.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

const USAGE = `usage:
  npm run sync -- status [--json] [--data-dir DIR]
  npm run sync -- configure --url URL --user NAME [--ca FILE.pem] [--data-dir DIR]   (password: EDGE_SYNC_PASSWORD or stdin)`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env['EDGE_SYNC_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY)
    throw new Error('pipe the password on stdin or set EDGE_SYNC_PASSWORD (it is never taken from the command line)');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

function status(dataDir: string, json: boolean): number {
  const now = Date.now();
  const current = readStoredStatus(dataDir, now);
  if (json) console.log(JSON.stringify({ dataDir, ...current }));
  else {
    console.log(`ซิงก์กับเซิร์ฟเวอร์กลาง / Sync with central — ${dataDir}\n`);
    for (const line of statusLines(current, current.linkSummary, now)) console.log(line);
  }
  return exitCodeOf(current);
}

async function configure(dataDir: string, url: string, user: string, caFile: string | undefined): Promise<number> {
  const password = await readPassword();
  const db = openStationDb(join(dataDir, 'station.sqlite'));
  const sink = await createLogger({ logDir: join(dataDir, 'logs') });
  const events = new EventBus();
  const settings = new SettingsService(db);
  const audit = new AuditLog(db, () => settings.get().stationId);
  const sync = new SyncService({
    db,
    events,
    log: sink.log,
    audit,
    settings,
    hospitalKey: new HospitalKey(dataDir),
    keystore: new FileKeystore(dataDir),
    autoStart: false,
  });
  try {
    await sync.ready();
    const result = await sync.configure({
      centralUrl: url,
      username: user,
      password,
      caBundlePem: caFile === undefined ? null : readFileSync(caFile, 'utf8'),
    });
    for (const line of statusLines(result, result.linkSummary, Date.now())) console.log(line);
    return 0;
  } finally {
    await sync.close();
    db.close();
    await sink.close();
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      url: { type: 'string' },
      user: { type: 'string' },
      ca: { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (positionals[0] === 'status') return status(dataDir, values.json);
  if (positionals[0] === 'configure' && values.url !== undefined && values.user !== undefined)
    return configure(dataDir, values.url, values.user, values.ca);
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = isEdgeError(error) && isErrorCode(error.code) ? error.code : null;
    console.error(code === null ? `ไม่สำเร็จ / Failed: ${errorMessage(error)}` : `${describeError(code)} (${code})`);
    process.exit(1);
  },
);
