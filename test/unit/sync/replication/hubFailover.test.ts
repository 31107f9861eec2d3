// The failover between a hospital hub and central with real PouchDB databases on both sides (fake IndexedDB):
// the hub while it answers, central when only central does, back to the hub; links that cannot be read keep the path.
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { openDatabase, type Database } from '../../../../sync/store/pouch.dom.js';
import { HubFailover } from '../../../../sync/replication/hubFailover.dom.js';
import type { PathLinks } from '../../../../sync/replication/syncPath.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { TEST_HCODE, testIdFactory } from '../../../factories/fhirFixtures.js';

const STATION = `st-${TEST_HCODE}-a`;
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

const holds = async (db: Database, id: string): Promise<boolean> => (await db.get(id).catch(() => null)) !== null;

describe('HubFailover', () => {
  it('replicates over the hub while it answers, over central when only central does, and back', async () => {
    const store = await DataContext.open(uniqueDbName('failover'));
    const hub = openDatabase(uniqueDbName('hub'));
    const central = openDatabase(uniqueDbName('central'));
    let links: PathLinks | 'throw' = { hub: true, central: true };
    const newId = testIdFactory(STATION);
    const failover = new HubFailover({
      store,
      remotes: { hub, central },
      links: () => (links === 'throw' ? Promise.reject(new Error('no answer')) : Promise.resolve(links)),
      checkEveryMs: 50,
      resolve: { stationId: STATION, hcode: TEST_HCODE, newId, now: () => new Date().toISOString() },
    });
    cleanup.push(
      () => store.destroy(),
      () => hub.destroy(),
      () => central.destroy(),
      () => failover.stop(),
    );
    const visit = (queue: string) =>
      newVisit({
        encounterId: newId(),
        patientId: 'p1',
        hcode: TEST_HCODE,
        stationId: STATION,
        at: new Date().toISOString(),
        queueNumber: queue,
      });

    await failover.start();
    expect(failover.path).toBe('hub');
    const first = visit('A-001');
    await store.save(first);
    await until(() => holds(hub, first._id), 'the first visit on the hub');
    expect(failover.report().path).toBe('hub');

    links = { hub: false, central: true };
    await until(() => failover.path === 'central', 'the switch to central');
    const second = visit('A-002');
    await store.save(second);
    await until(() => holds(central, second._id), 'the second visit on central');
    expect(await holds(hub, second._id)).toBe(false);

    // Links that cannot be read keep the path, and the checks go on.
    links = 'throw';
    await new Promise((done) => setTimeout(done, 200));
    expect(failover.path).toBe('central');
    links = { hub: true, central: false };
    await until(() => failover.path === 'hub', 'the switch back to the hub');
    await until(() => holds(hub, second._id), 'the second visit on the hub too');
  });
});
