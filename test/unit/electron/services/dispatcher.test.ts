import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEdgeNode } from '../../../factories/edgeNode.js';

type Node = Awaited<ReturnType<typeof tempEdgeNode>>;
let node: Node;
beforeEach(async () => {
  node = await tempEdgeNode();
});
afterEach(async () => {
  await node.dispose();
});

describe('dispatcher', () => {
  it('answers a command with {ok:true,value}', async () => {
    const result = await node.dispatch('settings.get', {});
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ configured: false, language: 'th' });
  });

  it('turns a schema failure into invalid_input, not an exception', async () => {
    const result = await node.dispatch('settings.setup', { hcode: '12a45', stationName: 'OPD 1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(node.settings.get().configured).toBe(false);
  });

  it('refuses names outside the contract', async () => {
    expect(await node.dispatch('settings.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(await node.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('refuses extra fields on strict inputs', async () => {
    const result = await node.dispatch('settings.setLanguage', { language: 'en', admin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('emits settings.changed after setup', async () => {
    const seen: unknown[] = [];
    node.events.subscribe((name, payload) => seen.push([name, payload]));
    const result = await node.dispatch('settings.setup', { hcode: '10953', stationName: 'OPD 1' });
    expect(result.ok).toBe(true);
    expect(seen).toEqual([['settings.changed', expect.objectContaining({ configured: true, hcode: '10953' })]]);
  });
});
