// The card fast path: with nobody on duty, a staff member's own ID card in the reader signs them in with the PIN
// instead of opening a patient (the page is told only their name, never the card's text); with someone on duty
// the same card is read as a patient's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEdgeNode, type EdgeNode } from '../../../../electron/services/compositionRoot.node.js';
import { InProcessBackend } from '../../../../drivers/card/virtual/inProcessBackend.node.js';
import { demoIdentities } from '../../../factories/cardIdentities.js';
import { hashPin } from '../../../../sync/central/staffPin.node.js';
import { nextEvent } from '../../../integration/devices/deviceNode.js';
import type { EventName } from '../../../../electron/contract/contract.std.js';

const open: { node: EdgeNode; dir: string }[] = [];
afterEach(async () => {
  for (const { node, dir } of open.splice(0)) {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('signing in with one’s own ID card', () => {
  it('the card of a registered staff member signs them in with the PIN, and is a patient card once someone is on duty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-staff-card-'));
    const node = await createEdgeNode({ dataDir: dir, offerDemo: false, card: { backend: new InProcessBackend() } });
    open.push({ node, dir });
    expect((await node.dispatch('settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'demo' })).ok).toBe(
      true,
    );
    const staffCid = demoIdentities[1]?.cid ?? '';
    // the keyed id central would store for this card (the CID itself is never stored)
    expect((await node.dispatch('staff.signIn', { code: 'demo-frontdesk', pin: '1111' })).ok).toBe(true);
    const keyed = await node.dispatch('identity.patientId', { cid: staffCid });
    if (!keyed.ok) throw new Error(JSON.stringify(keyed));
    const cardKey = (keyed.value as { patientId: string }).patientId;
    await node.dispatch('staff.signOut', {});
    node.staffDirectory.put(
      { code: 'rn-card', name: 'พยาบาล บัตร', role: 'nurse', active: true, pinHash: await hashPin('5678'), cardKey },
      'station',
      new Date(),
    );

    const seen: EventName[] = [];
    const stop = node.events.subscribe((name) => seen.push(name));
    const presented = nextEvent(node.events, 'staff.cardPresented');
    node.card?.demoInsert({ identity: 1, atr: '3b79' });
    expect(await presented).toEqual({ code: 'rn-card', name: 'พยาบาล บัตร', role: 'nurse' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).not.toContain('card.text');
    expect(seen).not.toContain('card.photo');
    expect(await node.dispatch('staff.signInWithCard', { pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'staff_sign_in_failed' },
    });
    expect(await node.dispatch('staff.signInWithCard', { pin: '5678' })).toMatchObject({
      ok: true,
      value: { staff: { id: 'rn-card', role: 'nurse' } },
    });
    expect(node.audit.recent(5).find((e) => e.action === 'staff.signIn')?.actor).toBe('nurse:rn-card');

    // someone on duty: the same card, put back, is read as a patient's card
    const removed = nextEvent(node.events, 'card.removed');
    node.card?.demoRemove();
    await removed;
    const text = nextEvent(node.events, 'card.text');
    node.card?.demoInsert({ identity: 1, atr: '3b79' });
    expect((await text).card.cid).toBe(staffCid);
    stop();
    // a card that is nobody's staff card is refused for the fast path
    await node.dispatch('staff.signOut', {});
    expect(await node.dispatch('staff.signInWithCard', { pin: '5678' })).toMatchObject({
      ok: false,
      error: { code: 'staff_no_card_account' },
    });
  });
});
