/**
 * `npm run doctor`: every diagnostic check with its verdict in plain Thai and English, for hospital IT.
 * Exit code 1 when any check fails. `--data-dir DIR` or EDGE_DATA_DIR picks another station folder.
 */
import { parseArgs } from 'node:util';
import { createEdgeNode } from '../services/compositionRoot.node.js';
import { defaultDataDir } from '../services/dataDir.node.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

const MARK = { ok: '✔ ปกติ / OK     ', warn: '! ควรตรวจ / CHECK', fail: '✘ มีปัญหา / FAIL ' } as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // Probe device ports without opening them: the app may be running and holding them.
  const node = await createEdgeNode({ dataDir, devices: { autoStart: false }, nhso: { autoStart: false } });
  try {
    const checks = await node.doctor.run();
    if (values.json) console.log(JSON.stringify({ dataDir, checks }));
    else {
      console.log(`ตรวจสถานี / Station check — ${dataDir}\n`);
      for (const check of checks) console.log(`${MARK[check.verdict]}  ${check.th}\n${' '.repeat(19)}${check.en}\n`);
    }
    return checks.some((check) => check.verdict === 'fail') ? 1 : 0;
  } finally {
    await node.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ตรวจไม่สำเร็จ / Doctor failed: ${errorMessage(error)}`);
    process.exit(1);
  },
);
