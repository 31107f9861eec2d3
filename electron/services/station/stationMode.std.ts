/**
 * Whether a station is a demo station: the one decision behind the virtual card, the simulated devices, the
 * header badge and the demo tag on every record. Demo is chosen at first-run setup and stored with the
 * station; nothing else (an unset variable, a missing reader) ever makes a station invent readings.
 */
import type { StationMode } from '../../contract/settings.std.js';

/** `EDGE_DEMO=1` (set by `npm run demo` and `npm run dev:browser -- --demo`) preselects demo at first-run setup. */
export function demoOffered(env: Readonly<Record<string, string | undefined>>): boolean {
  return env['EDGE_DEMO'] === '1';
}

/** What the setup form offers before anything is stored: real unless demo was asked for. */
export function offeredMode(offerDemo: boolean): StationMode {
  return offerDemo ? 'demo' : 'real';
}

/**
 * The mode the station runs in, from what setup stored. Only a stored 'demo' is demo: a station not set up
 * yet, one set up before stations had a mode, or any other value runs as a real station.
 */
export function runningMode(stored: string | null): StationMode {
  return stored === 'demo' ? 'demo' : 'real';
}

/**
 * The mode setup stores: the one asked for (real when none is given). A station keeps the mode it was set up
 * with, since its records already carry (or lack) the demo tag: 'changed' means refuse.
 */
export function modeAtSetup(stored: string | null, requested: StationMode | undefined): StationMode | 'changed' {
  const wanted = requested ?? 'real';
  if (stored === null) return wanted;
  return runningMode(stored) === wanted ? wanted : 'changed';
}
