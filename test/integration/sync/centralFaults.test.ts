// Central answering 401, 403, 500, or not at all (a hung server, cut off by the station's request timeout),
// with the station writing all along: the station names the fault, never says up to date while it lasts, and
// once central is healthy again everything written arrives once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { faultProxy, type Fault, type FaultProxy } from './faultProxy.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, stationRevs, tally, upToDate } from './syncChecks.js';
import { writeVisits } from './visits.js';

import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';
import type { ReplicationReport, SyncState } from '../../../electron/contract/sync.std.js';

const hcode = uniqueHcode();
let proxy: FaultProxy;
let station: Station;
let prefix = '';
const written = new Set<string>();
let card = 1;
let faultActive = false;
let upToDateDuringFault = 0;

beforeAll(async () => {
  const account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station: 'faults',
    stationPassword: 'pw-faults',
  });
  prefix = account.queuePrefix;
  proxy = await faultProxy(sharedCentralUrl());
  station = await openStation({
    centralUrl: proxy.url,
    hcode,
    user: account.stationUser,
    password: account.stationPassword,
    label: 'faults',
    requestTimeoutMs: 1_500,
  });
  station.replicator.onReport((report) => {
    if (faultActive && report.state === 'up_to_date') upToDateDuringFault += 1;
  });
  await station.replicator.start();
  await writeVisits(station, hcode, card, 3, prefix, written);
  card += 3;
  await station.waitFor(upToDate, 'first sync');
});
afterAll(async () => {
  await station.close();
  await proxy.close();
});

const cases: { fault: Fault; state: SyncState; code: SyncErrorCode }[] = [
  { fault: 401, state: 'error', code: 'sync_wrong_password' },
  { fault: 403, state: 'error', code: 'sync_forbidden' },
  { fault: 500, state: 'error', code: 'sync_server_error' },
  { fault: 'hang', state: 'offline', code: 'sync_timeout' },
];

describe('central failing', () => {
  it.each(cases)(
    'answering $fault: the station says $code, then catches up once it is healthy',
    async ({ fault, state, code }) => {
      upToDateDuringFault = 0;
      const shows = (report: ReplicationReport): boolean => report.state === state && report.errorCode === code;
      proxy.set(fault);
      await writeVisits(station, hcode, card, 3, prefix, written);
      card += 3;
      station.replicator.kick();
      await station.waitFor((report) => shows(report) && report.pending > 0, `${String(fault)} noticed`);
      // From here on central is failing: the station may retry, but must never claim to be up to date.
      faultActive = true;
      await writeVisits(station, hcode, card, 2, prefix, written);
      card += 2;
      station.replicator.kick();
      await station.waitFor((report) => shows(report) && report.pending > 0, `${String(fault)} again after a retry`);
      const faulted = proxy.faulted;
      faultActive = false;
      proxy.set('pass');
      station.replicator.kick();
      await station.waitFor(upToDate, 'caught up');
      const central = await centralDocs(sharedCentralUrl(), hcode);
      const centralIds = new Set(central.map((doc) => doc._id));
      const lostWritten = [...written].filter((id) => !centralIds.has(id)).length;
      const counts = tally(await stationRevs(station), central);
      console.log(
        `central ${String(fault)}: lost=${counts.lost + lostWritten} duplicated=${counts.duplicated} written=${written.size} central_docs=${counts.docs} faulted_requests=${faulted} up_to_date_during_fault=${upToDateDuringFault}`,
      );
      expect(faulted).toBeGreaterThan(0);
      expect(upToDateDuringFault).toBe(0);
      expect(lostWritten).toBe(0);
      expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
    },
  );
});
