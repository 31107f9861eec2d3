import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../../../../../electron/services/compositionRoot.node.js';
import { InProcessBackend } from '../../../../../drivers/card/virtual/inProcessBackend.node.js';
import type { EventName, EventPayload } from '../../../../../electron/contract/contract.std.js';
import { identity } from '../../../../factories/cardIdentities.js';
import { staffed } from '../../../../factories/staff.js';

let node: EdgeNode | null = null;
let dir = '';
afterEach(async () => {
  await node?.close();
  node = null;
  rmSync(dir, { recursive: true, force: true });
});

async function demoNode(): Promise<{
  node: EdgeNode;
  next: <E extends EventName>(name: E, match?: (p: EventPayload<E>) => boolean) => Promise<EventPayload<E>>;
}> {
  dir = mkdtempSync(join(tmpdir(), 'edge-card-'));
  const created = staffed(
    await createEdgeNode({ dataDir: dir, offerDemo: false, card: { backend: new InProcessBackend() } }),
  );
  node = created;
  // The virtual card works on a station set up as demo only.
  const setup = await created.dispatch('settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'demo' });
  if (!setup.ok) throw new Error(setup.error.code);
  const next = <E extends EventName>(
    name: E,
    match: (p: EventPayload<E>) => boolean = () => true,
  ): Promise<EventPayload<E>> =>
    new Promise((resolve) => {
      const off = created.events.subscribe((event: EventName, payload: unknown) => {
        const typed = payload as EventPayload<E>;
        if (event === name && match(typed)) {
          off();
          resolve(typed);
        }
      });
    });
  return { node: created, next };
}

describe('card service in the edge node (demo virtual card)', () => {
  it('inserting the demo card emits the text, audits the read by keyed hash, and serves card.read', async () => {
    const { node, next } = await demoNode();
    const text = next('card.text');
    const inserted = await node.dispatch('card.demoInsert', { identity: 1, atr: '3b68' });
    expect(inserted).toMatchObject({ ok: true, value: { backend: 'virtual', service: 'up' } });
    expect((await text).card.cid).toBe(identity(1).cid);
    await next('card.photo', (event) => event.state === 'done');

    const audit = await node.dispatch('audit.recent', { limit: 5 });
    const entries = audit.ok ? (audit.value as { action: string; subjectHash: string | null }[]) : [];
    const read = entries.find((entry) => entry.action === 'card.read');
    expect(read?.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entries)).not.toContain(identity(1).cid);

    const again = await node.dispatch('card.read', { photo: false });
    expect(again).toMatchObject({ ok: true, value: { card: { cid: identity(1).cid } } });
  });

  it('the audit entry of a card read names the staff member who signed in with their PIN', async () => {
    const { node, next } = await demoNode();
    const actors = async (): Promise<string[]> => {
      const audit = await node.dispatch('audit.recent', { limit: 40 });
      return (audit.ok ? (audit.value as { action: string; actor: string }[]) : [])
        .filter((entry) => entry.action === 'card.read')
        .map((entry) => entry.actor);
    };
    const readOnce = async (): Promise<void> => {
      const text = next('card.text');
      await node.dispatch('card.demoInsert', { identity: 2, atr: '3b68' });
      await text;
      await node.dispatch('card.demoRemove', {});
    };
    // a demo station's own training accounts (DEMO_STAFF), signed in with their PINs
    expect(await node.dispatch('staff.signIn', { code: 'demo-frontdesk', pin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'staff_sign_in_failed' },
    });
    const changed = next('staff.changed');
    expect(await node.dispatch('staff.signIn', { code: 'demo-frontdesk', pin: '1111' })).toMatchObject({
      ok: true,
      value: { staff: { id: 'demo-frontdesk', role: 'front_desk' } },
    });
    expect((await changed).staff?.role).toBe('front_desk');
    await readOnce();
    expect(await node.dispatch('staff.signIn', { code: 'demo-nurse', pin: '2222' })).toMatchObject({ ok: true });
    await readOnce();
    expect((await actors()).slice(0, 2).reverse()).toEqual(['front_desk:demo-frontdesk', 'nurse:demo-nurse']);
    // a self-declared name and role is no longer a sign-in
    expect(await node.dispatch('staff.signIn', { id: 'fd-017', name: 'X', role: 'nurse' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('after card.markPhotoStored the next read of the same card skips the photo', async () => {
    const { node, next } = await demoNode();
    const done = next('card.photo', (event) => event.state === 'done');
    await node.dispatch('card.demoInsert', { identity: 0 });
    const photo = await done;
    const text = (await node.dispatch('card.read', { photo: false })) as {
      ok: true;
      value: { card: { cid: string; issueDate: string | null } };
    };
    const marked = await node.dispatch('card.markPhotoStored', {
      cid: text.value.card.cid,
      issueDate: text.value.card.issueDate,
      sha256: photo.photo?.sha256 ?? '',
    });
    expect(marked).toEqual({ ok: true, value: { stored: true } });
    const skipped = next('card.photo');
    await node.dispatch('card.demoRemove', {});
    await node.dispatch('card.demoInsert', { identity: 0 });
    expect(await skipped).toMatchObject({ state: 'skipped', skipReason: 'already_stored' });
  });

  it('card.read without a card says so in the catalogue; demo commands refuse outside demo', async () => {
    const { node } = await demoNode();
    expect(await node.dispatch('card.read', {})).toMatchObject({ ok: false, error: { code: 'card_no_card' } });
    dir = dir || mkdtempSync(join(tmpdir(), 'edge-card-'));
    const other = mkdtempSync(join(tmpdir(), 'edge-card-off-'));
    const off = staffed(await createEdgeNode({ dataDir: other, card: { backend: 'off' } }));
    expect(await off.dispatch('card.demoInsert', {})).toMatchObject({ ok: false, error: { code: 'card_no_service' } });
    await off.close();
    rmSync(other, { recursive: true, force: true });
  });

  it('doctor reports the virtual card', async () => {
    const { node } = await demoNode();
    const checks = await node.doctor.run();
    expect(checks.find((check) => check.id === 'card.service')).toMatchObject({ verdict: 'ok' });
    expect(checks.find((check) => check.id === 'card.readers')).toMatchObject({ verdict: 'ok' });
  });
});
