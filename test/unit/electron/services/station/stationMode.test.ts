// The one decision behind demo: only a station set up as demo runs as one; EDGE_DEMO only preselects it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  demoOffered,
  modeAtSetup,
  offeredMode,
  runningMode,
} from '../../../../../electron/services/station/stationMode.std.js';
import type { StationMode } from '../../../../../electron/contract/settings.std.js';

const anyStored = fc.option(fc.oneof(fc.constantFrom('demo', 'real', 'Demo', '1', 'true', ''), fc.string()), {
  nil: null,
});
const anyMode = fc.constantFrom<StationMode>('real', 'demo');
const anyEnv = fc.dictionary(
  fc.constantFrom('EDGE_DEMO', 'NODE_ENV', 'CI'),
  fc.oneof(fc.constantFrom('0', '1', 'true', 'yes', ''), fc.string()),
);

describe('station mode', () => {
  it('runs as demo exactly when setup stored demo, whatever else is stored or set', () => {
    fc.assert(
      fc.property(anyStored, (stored) => {
        expect(runningMode(stored) === 'demo').toBe(stored === 'demo');
      }),
    );
  });

  it('an unset EDGE_DEMO (or any value but 1) never offers demo', () => {
    expect(demoOffered({})).toBe(false);
    fc.assert(
      fc.property(anyEnv, (env) => {
        expect(demoOffered(env)).toBe(env['EDGE_DEMO'] === '1');
      }),
    );
    expect(offeredMode(false)).toBe('real');
    expect(offeredMode(true)).toBe('demo');
  });

  it('setup stores real unless demo is asked for, and a station keeps the mode it was set up with', () => {
    expect(modeAtSetup(null, undefined)).toBe('real');
    fc.assert(
      fc.property(fc.option(anyMode, { nil: null }), fc.option(anyMode, { nil: undefined }), (stored, requested) => {
        const result = modeAtSetup(stored, requested);
        const wanted = requested ?? 'real';
        if (stored === null || stored === wanted) expect(result).toBe(wanted);
        else expect(result).toBe('changed');
      }),
    );
  });
});
