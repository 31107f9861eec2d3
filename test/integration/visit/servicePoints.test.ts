// The station's clinics / service points (migration 16, electron/services/visit) through a real edge node and its
// dispatcher: the seeded list, IT's edits kept over a restart and audited, refusals in Thai and English (a
// duplicate code, a point left out, none in use, a bad code), and the roles (IT edits, the front desk reads only).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { tempEdgeNode } from '../../factories/edgeNode.js';
import { signInAs } from '../../factories/staff.js';
import { describeError } from '../../../electron/contract/errors.std.js';
import { DEFAULT_SERVICE_POINTS } from '../../../sync/model/visitDetails.std.js';

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose();
});

async function node(): Promise<EdgeNode> {
  const made = await tempEdgeNode();
  disposers.push(() => made.dispose());
  return made;
}

describe('service points (clinics) of the station', () => {
  it('a new station has the default list (ตรวจโรคทั่วไป, คลินิกโรคเรื้อรัง, ฝากครรภ์, ทันตกรรม …)', async () => {
    const edge = await node();
    expect(await edge.dispatch('visit.servicePoints', {})).toEqual({
      ok: true,
      value: { points: DEFAULT_SERVICE_POINTS },
    });
  });

  it('IT renames, adds and switches off points; the list is kept over a restart and the change audited', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-points-'));
    disposers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const first = await createEdgeNode({ dataDir, card: { backend: 'off' } });
    await signInAs(first, 'it');
    const points = [
      { code: 'ncd', th: 'คลินิกเบาหวานความดัน', en: 'Diabetes and hypertension', active: true },
      ...DEFAULT_SERVICE_POINTS.filter((point) => point.code !== 'ncd').map((point) =>
        point.code === 'er' ? { ...point, active: false } : point,
      ),
      { code: 'psych', th: 'คลินิกสุขภาพจิต', en: 'Mental health', active: true },
    ];
    const saved = await first.dispatch('visit.setServicePoints', { points });
    expect(saved).toEqual({ ok: true, value: { points } });
    expect(first.audit.recent(1)[0]?.action).toBe('visit.servicePoints');
    await first.close();
    const second = await createEdgeNode({ dataDir, card: { backend: 'off' } });
    await signInAs(second, 'front_desk');
    expect(await second.dispatch('visit.servicePoints', {})).toEqual({ ok: true, value: { points } });
    await second.close();
  });

  it('refuses a duplicate code, a point left out, none in use and a bad code, with words in Thai and English', async () => {
    const edge = await node();
    const [opd, ...rest] = DEFAULT_SERVICE_POINTS;
    if (opd === undefined) throw new Error('no default point');
    expect(
      await edge.dispatch('visit.setServicePoints', { points: [...DEFAULT_SERVICE_POINTS, { ...opd, th: 'ซ้ำ' }] }),
    ).toMatchObject({ ok: false, error: { code: 'service_point_duplicate' } });
    expect(await edge.dispatch('visit.setServicePoints', { points: rest })).toMatchObject({
      ok: false,
      error: { code: 'service_point_removed' },
    });
    expect(
      await edge.dispatch('visit.setServicePoints', {
        points: DEFAULT_SERVICE_POINTS.map((point) => ({ ...point, active: false })),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'service_point_none_active' },
    });
    expect(
      await edge.dispatch('visit.setServicePoints', {
        points: [...DEFAULT_SERVICE_POINTS, { code: 'Bad Code', th: 'x', en: 'x', active: true }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    for (const code of ['service_point_duplicate', 'service_point_removed', 'service_point_none_active'] as const)
      expect(describeError(code)).toMatch(/[ก-๙].* \/ [A-Za-z]/);
    expect(await edge.dispatch('visit.servicePoints', {})).toEqual({
      ok: true,
      value: { points: DEFAULT_SERVICE_POINTS },
    });
  });

  it('roles: the front desk and nurses read the list, only IT edits it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-points-roles-'));
    const plain = await createEdgeNode({ dataDir, card: { backend: 'off' } });
    disposers.push(async () => {
      await plain.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    for (const role of ['front_desk', 'nurse'] as const) {
      await signInAs(plain, role);
      expect(await plain.dispatch('visit.servicePoints', {})).toMatchObject({ ok: true });
      expect(await plain.dispatch('visit.setServicePoints', { points: DEFAULT_SERVICE_POINTS })).toMatchObject({
        ok: false,
        error: { code: 'staff_forbidden' },
      });
    }
    await signInAs(plain, 'it');
    expect(await plain.dispatch('visit.setServicePoints', { points: DEFAULT_SERVICE_POINTS })).toMatchObject({
      ok: true,
    });
  });
});
