import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choosePath, type SyncPath } from '../../../../sync/replication/syncPath.std.js';

const path = fc.constantFrom<SyncPath | null>('hub', 'central', null);

describe('choosePath', () => {
  it('takes the hub whenever it answers, central when only central does, and stays put when neither does', () => {
    fc.assert(
      fc.property(path, fc.boolean(), fc.boolean(), (current, hub, central) => {
        const chosen = choosePath(current, { hub, central });
        if (hub) expect(chosen).toBe('hub');
        else if (central) expect(chosen).toBe('central');
        else expect(chosen).toBe(current ?? 'hub');
      }),
    );
  });

  it('never leaves a link that answers for one that does not', () => {
    fc.assert(
      fc.property(path, fc.boolean(), fc.boolean(), (current, hub, central) => {
        const chosen = choosePath(current, { hub, central });
        if (hub || central) expect({ hub, central }[chosen]).toBe(true);
      }),
    );
  });
});
