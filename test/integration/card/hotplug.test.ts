// Readers appearing and disappearing: pcscd stopped and started again under a running PcscBackend (the vpcd
// readers exist while their daemon runs). Leaves a fresh fixture pcscd running for the rest of the run.
import { describe, expect, it } from 'vitest';
import { clearStalePcscd, startPcscd, VPCD_READERS } from './pcscdFixture.js';
import { pcscReader, vpcdCard } from './virtualCards.js';
import { identity } from '../../factories/cardIdentities.js';

describe('reader hotplug and service restarts', () => {
  it('readers go with pcscd and come back with it, and a card read works again', async () => {
    const { reader, recorder } = await pcscReader();
    try {
      let since = recorder.mark;
      await clearStalePcscd(); // stops the fixture's pcscd
      await recorder.waitFor('card.status', (status) => status.service === 'down' && status.readers.length === 0, {
        since,
        timeoutMs: 15_000,
      });
      expect(reader.status().readers).toEqual([]);
      await expect(Promise.resolve().then(() => reader.pickReader())).rejects.toMatchObject({
        code: 'card_no_service',
      });

      since = recorder.mark;
      await startPcscd({ inRun: true });
      await recorder.waitFor(
        'card.status',
        (status) =>
          status.service === 'up' && VPCD_READERS.every((name) => status.readers.some((r) => r.name === name)),
        {
          since,
          timeoutMs: 15_000,
        },
      );
      since = recorder.mark;
      const card = vpcdCard(identity(1));
      await card.insert();
      expect((await recorder.waitFor('card.text', () => true, { since })).card.cid).toBe(identity(1).cid);
      await recorder.waitFor('card.photo', (event) => event.state === 'done', { since });
      since = recorder.mark;
      await card.remove();
      await recorder.waitFor('card.removed', () => true, { since });
    } finally {
      await reader.stop();
    }
  });
});
