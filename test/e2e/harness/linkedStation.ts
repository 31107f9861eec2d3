// A real station linked to central, as a hospital's second station would be: set up in the form with the queue
// prefix central gave the provisioned station, its test accounts added, one of them signed in, then linked to
// central with the station's user (through `centralUrl`: a cuttable link proxy in the tests).
import type { StaffRole } from '../../../sync/model/staff.std.js';
import { openStationPage, setUpStation, type StationPage } from './stationPage.js';

export interface StationAccount {
  readonly stationUser: string;
  readonly stationPassword: string;
  readonly queuePrefix: string;
}

export async function openLinkedStation(options: {
  readonly centralUrl: string;
  readonly account: StationAccount;
  readonly hcode: string;
  readonly name: string;
  readonly signInAs: StaffRole;
}): Promise<StationPage> {
  const station = await openStationPage({ env: { EDGE_DEMO: '' } });
  const { page } = station;
  await setUpStation(page, station.app.url, {
    hcode: options.hcode,
    name: options.name,
    expectOffered: 'real',
    beforeSave: () => page.fill('input[name=queuePrefix]', options.account.queuePrefix),
    signIn: { as: options.signInAs, dataDir: station.app.dataDir },
  });
  await station.bridge.call('sync.configure', {
    centralUrl: options.centralUrl,
    username: options.account.stationUser,
    password: options.account.stationPassword,
  });
  return station;
}
