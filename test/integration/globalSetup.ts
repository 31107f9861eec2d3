/**
 * Starts the real parts the integration suite needs, once per run. Each feature adds its fixture here
 * (pcscd + vpcd for the card, pouchdb-server for central); the WebSocket bridge tests start their own.
 */
import { startSharedCentral } from './sync/centralServer.js';
import { pcscdGlobalSetup } from './card/pcscdFixture.js';

export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  stops.push(await startSharedCentral());
  // Only one pcscd can run per machine: EDGE_TEST_SKIP_PCSCD=1 lets a non-card suite run beside a card one
  // (the card tests then fail, so CI never sets it).
  if (process.env['EDGE_TEST_SKIP_PCSCD'] !== '1') stops.push(await pcscdGlobalSetup());
  return async function teardown() {
    for (const stop of stops.reverse()) await stop();
  };
}
