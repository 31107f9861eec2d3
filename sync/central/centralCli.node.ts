/**
 * `npm run central -- provision --url <couchdb> --hcode <5 digits> --station <name> [--password <pw>] [--reset-password] [--json]`
 * Admin credentials come from COUCHDB_ADMIN_USER / COUCHDB_ADMIN_PASSWORD (never on the command line, where
 * they would land in shell history). Prints the station user and password once, for IT to enter at the station.
 */
import { parseArgs } from 'node:util';
import { provision, ProvisionError } from './provision.node.js';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, hcode: { type: 'string' }, station: { type: 'string' }, password: { type: 'string' }, 'reset-password': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals[0] !== 'provision' || values.url === undefined || values.hcode === undefined || values.station === undefined) {
    console.error('usage: npm run central -- provision --url <couchdb> --hcode <5 digits> --station <name> [--password <pw>] [--reset-password] [--json]');
    process.exit(2);
  }
  const adminUser = process.env['COUCHDB_ADMIN_USER'];
  const adminPassword = process.env['COUCHDB_ADMIN_PASSWORD'];
  if (adminUser === undefined || adminPassword === undefined) {
    console.error('set COUCHDB_ADMIN_USER and COUCHDB_ADMIN_PASSWORD (the central admin) in the environment');
    process.exit(2);
  }
  const result = await provision({ url: values.url, adminUser, adminPassword, hcode: values.hcode, station: values.station, stationPassword: values.password, resetPassword: values['reset-password'] });
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
  console.error(error instanceof ProvisionError ? error.message : `provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
