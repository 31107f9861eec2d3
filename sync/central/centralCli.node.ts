/**
 * `npm run central -- provision --url <couchdb> --hcode <5 digits> --station <name> [--password <pw>] [--reset-password] [--json]`
 * `npm run central -- staff add --url <couchdb> --hcode <5 digits> --code <staff code> --name <name> --role front_desk|nurse|it [--card]`
 * `npm run central -- staff disable|reset --url <couchdb> --hcode <5 digits> --code <staff code>`
 * `npm run central -- provision-hub --hub <hub couchdb> --central <central couchdb> --hcode <5 digits> [--hub-database <name>] [--json]`
 *   (the hub's admin from HUB_ADMIN_USER / HUB_ADMIN_PASSWORD, central's as below)
 * A staff PIN (and with --card the staff member's citizen id) is read from standard input, one per line, never
 * from the command line. Admin credentials come from COUCHDB_ADMIN_USER / COUCHDB_ADMIN_PASSWORD (never on the command line, where
 * they would land in shell history). Prints the station user and password once, for IT to enter at the station.
 */
import { parseArgs } from 'node:util';
import { provision } from './provision.node.js';
import { ProvisionError } from './adminCalls.node.js';
import { provisionHub } from './provisionHub.node.js';
import { addStaff, disableStaff, resetStaffPin, type StaffAdminTarget } from './staffAdmin.node.js';
import { stdinLines } from './stdinLines.node.js';
import { errorMessage } from '../model/errorMessage.std.js';

const STAFF_USAGE =
  'usage: npm run central -- staff add --url <couchdb> --hcode <5 digits> --code <staff code> --name <name> --role front_desk|nurse|it [--card]\n' +
  '       npm run central -- staff disable|reset --url <couchdb> --hcode <5 digits> --code <staff code>\n' +
  '       (the PIN, then with --card the citizen id, are read from standard input, one per line)';

async function staff(
  action: string | undefined,
  values: Record<string, string | boolean | undefined>,
  target: StaffAdminTarget,
): Promise<void> {
  const code = typeof values['code'] === 'string' ? values['code'] : undefined;
  if (code === undefined || (action !== 'add' && action !== 'disable' && action !== 'reset')) {
    console.error(STAFF_USAGE);
    process.exit(2);
  }
  if (action === 'disable') {
    console.log(JSON.stringify(await disableStaff(target, code)));
    return;
  }
  const withCard = values['card'] === true;
  const [pin = '', cid] = await stdinLines(withCard && action === 'add' ? ['PIN: ', 'citizen id: '] : ['PIN: ']);
  if (action === 'reset') {
    console.log(JSON.stringify(await resetStaffPin(target, code, pin)));
    return;
  }
  const name = typeof values['name'] === 'string' ? values['name'] : '';
  const role = typeof values['role'] === 'string' ? values['role'] : '';
  console.log(
    JSON.stringify(await addStaff(target, { code, name, role, pin, cid: withCard ? (cid ?? '') : undefined })),
  );
}

const HUB_USAGE =
  'usage: npm run central -- provision-hub --hub <hub couchdb> --central <central couchdb> --hcode <5 digits> [--hub-database <name>] [--json]\n' +
  '       set HUB_ADMIN_USER and HUB_ADMIN_PASSWORD (the hub admin) and COUCHDB_ADMIN_USER and COUCHDB_ADMIN_PASSWORD (the central admin) in the environment';

async function hubCommand(values: Record<string, string | boolean | undefined>): Promise<void> {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const [hubUrl, centralUrl, hcode] = [text('hub'), text('central'), text('hcode')];
  const env = ['HUB_ADMIN_USER', 'HUB_ADMIN_PASSWORD', 'COUCHDB_ADMIN_USER', 'COUCHDB_ADMIN_PASSWORD'].map(
    (name) => process.env[name],
  );
  const [hubAdminUser, hubAdminPassword, centralAdminUser, centralAdminPassword] = env;
  if (
    hubUrl === undefined ||
    centralUrl === undefined ||
    hcode === undefined ||
    hubAdminUser === undefined ||
    hubAdminPassword === undefined ||
    centralAdminUser === undefined ||
    centralAdminPassword === undefined
  ) {
    console.error(HUB_USAGE);
    process.exit(2);
  }
  const result = await provisionHub({
    hubUrl,
    hubAdminUser,
    hubAdminPassword,
    centralUrl,
    centralAdminUser,
    centralAdminPassword,
    hcode,
    hubDatabase: text('hub-database'),
  });
  if (values['json'] === true) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`hub database    ${result.hubDatabase} (central: ${result.centralDatabase})`);
  console.log(`relay user      ${result.relayUser} (new password, kept in the hub's _replicator only)`);
  console.log(
    `stations        ${result.stations.length === 0 ? 'none yet' : result.stations.join(', ')} (the hub follows central's: stations provisioned later need no second run)`,
  );
  console.log(`replications    ${result.replications.join(', ')}`);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      hcode: { type: 'string' },
      station: { type: 'string' },
      password: { type: 'string' },
      'reset-password': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      code: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      card: { type: 'boolean', default: false },
      hub: { type: 'string' },
      central: { type: 'string' },
      'hub-database': { type: 'string' },
    },
  });
  if (positionals[0] === 'provision-hub') {
    await hubCommand(values);
    return;
  }
  if (positionals[0] === 'staff') {
    const adminUser = process.env['COUCHDB_ADMIN_USER'];
    const adminPassword = process.env['COUCHDB_ADMIN_PASSWORD'];
    if (
      values.url === undefined ||
      values.hcode === undefined ||
      adminUser === undefined ||
      adminPassword === undefined
    ) {
      console.error(
        `${STAFF_USAGE}\nset COUCHDB_ADMIN_USER and COUCHDB_ADMIN_PASSWORD (the central admin) in the environment`,
      );
      process.exit(2);
    }
    await staff(positionals[1], values, { url: values.url, hcode: values.hcode, adminUser, adminPassword });
    return;
  }
  if (
    positionals[0] !== 'provision' ||
    values.url === undefined ||
    values.hcode === undefined ||
    values.station === undefined
  ) {
    console.error(
      'usage: npm run central -- provision --url <couchdb> --hcode <5 digits> --station <name> [--password <pw>] [--reset-password] [--json]',
    );
    process.exit(2);
  }
  const adminUser = process.env['COUCHDB_ADMIN_USER'];
  const adminPassword = process.env['COUCHDB_ADMIN_PASSWORD'];
  if (adminUser === undefined || adminPassword === undefined) {
    console.error('set COUCHDB_ADMIN_USER and COUCHDB_ADMIN_PASSWORD (the central admin) in the environment');
    process.exit(2);
  }
  const result = await provision({
    url: values.url,
    adminUser,
    adminPassword,
    hcode: values.hcode,
    station: values.station,
    stationPassword: values.password,
    resetPassword: values['reset-password'],
  });
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`database        ${result.database} (secrets: ${result.secretsDatabase})`);
  console.log(`station user    ${result.stationUser}`);
  console.log(
    result.stationPassword === null
      ? 'password        unchanged: the station keeps its own (--reset-password sets a new one)'
      : `password        ${result.stationPassword}   (shown once: enter it at the station)`,
  );
  console.log(`queue prefix    ${result.queuePrefix}`);
  console.log(`hospital key    ${result.createdKey ? 'created now' : 'already present, kept'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ProvisionError ? error.message : `provisioning failed: ${errorMessage(error)}`);
  process.exit(1);
});
