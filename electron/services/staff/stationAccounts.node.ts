/**
 * Accounts of this station only (IT at the station: `npm run staff` or the IT screen): for a pilot before central
 * exists, or an IT account to reach the IT screen. The hospital's accounts are central's and changed there.
 */
import { EdgeError } from '../../contract/result.std.js';
import { hashPin, pinProblem } from '../../../sync/central/staffPin.node.js';
import type { StaffRole } from '../../../sync/model/staff.std.js';
import type { StaffDirectory } from './staffDirectory.node.js';

export async function addStationAccount(
  directory: StaffDirectory,
  input: { code: string; name: string; role: StaffRole; pin: string },
  now = new Date(),
): Promise<void> {
  if (pinProblem(input.pin) !== undefined)
    throw new EdgeError('staff_pin_weak', 'a PIN is 4-12 digits, or a passphrase of 8-64 characters');
  const existing = directory.get(input.code);
  if (existing !== undefined && existing.source !== 'station')
    throw new EdgeError('staff_not_station_account', `${input.code} is an account from ${existing.source}`);
  directory.put(
    {
      code: input.code,
      name: input.name.trim(),
      role: input.role,
      active: true,
      pinHash: await hashPin(input.pin),
      cardKey: null,
    },
    'station',
    now,
  );
}

export function setStationAccountActive(
  directory: StaffDirectory,
  code: string,
  active: boolean,
  now = new Date(),
): void {
  const account = directory.get(code);
  if (account?.source !== 'station')
    throw new EdgeError('staff_not_station_account', `${code} is not an account of this station`);
  directory.put({ ...account, active }, 'station', now);
}
