/**
 * `npm run staff -- add --code <code> --name <name> --role front_desk|nurse|it [--data-dir DIR]` (PIN read from
 * standard input), `npm run staff -- disable --code <code>`, `npm run staff -- list`. Accounts of THIS station,
 * for IT with access to the station itself (a pilot before central exists, an IT account to reach the IT screen);
 * the hospital's accounts come from central (`npm run central -- staff add`). Works while the app runs.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../services/dataDir.node.js';
import { openStationDb } from '../services/db/stationDb.node.js';
import { stationMigrations } from '../services/db/migrations.node.js';
import { StaffDirectory } from '../services/staff/staffDirectory.node.js';
import { addStationAccount, setStationAccountActive } from '../services/staff/stationAccounts.node.js';
import { stdinLines } from '../../sync/central/stdinLines.node.js';
import { EdgeError } from '../contract/result.std.js';
import { errorText, isErrorCode } from '../contract/errors.std.js';
import { StaffCode, StaffRole } from '../../sync/model/staff.std.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

const USAGE =
  'usage: npm run staff -- add --code <code> --name <name> --role front_desk|nurse|it [--data-dir DIR]   (PIN on standard input)\n       npm run staff -- disable --code <code> | list';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const db = openStationDb(join(dataDir, 'station.sqlite'), stationMigrations);
  const directory = new StaffDirectory(db);
  try {
    if (positionals[0] === 'list') {
      for (const a of directory.info(new Date()))
        console.log(`${a.code}\t${a.role}\t${a.active ? 'active' : 'disabled'}\t${a.source}\t${a.name}`);
      return 0;
    }
    const code = StaffCode.safeParse(values.code);
    if (!code.success) {
      console.error(USAGE);
      return 2;
    }
    if (positionals[0] === 'disable') {
      setStationAccountActive(directory, code.data, false);
      return 0;
    }
    const role = StaffRole.safeParse(values.role);
    const name = values.name?.trim() ?? '';
    if (positionals[0] !== 'add' || !role.success || name === '' || name.length > 80) {
      console.error(USAGE);
      return 2;
    }
    await addStationAccount(directory, {
      code: code.data,
      name,
      role: role.data,
      pin: (await stdinLines(['PIN: ']))[0] ?? '',
    });
    console.log(`added ${code.data} (${role.data})`);
    return 0;
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const words =
      error instanceof EdgeError && isErrorCode(error.code)
        ? `${errorText[error.code].th} / ${errorText[error.code].en}`
        : null;
    console.error(`staff: ${words ?? errorMessage(error)}`);
    process.exit(1);
  },
);
