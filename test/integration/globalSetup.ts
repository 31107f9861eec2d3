/**
 * Starts the real parts the integration suite needs, once per run. Each feature adds its fixture here
 * (pcscd + vpcd for the card, pouchdb-server for central); the WebSocket bridge tests start their own.
 */
import { startSharedCentral } from './sync/centralServer.js';
import { pcscdGlobalSetup } from './card/pcscdFixture.js';

export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  stops.push(await startSharedCentral());
  stops.push(await pcscdGlobalSetup());
  return async function teardown() {
    for (const stop of stops.reverse()) await stop();
  };
}
