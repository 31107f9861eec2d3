// The NHSO authen request from the front desk to the Encounter, against our fake agent on a real port: a code
// fetched and stored; the agent down → queued → back → completed and on the Encounter; slow → timeout → retried;
// an NHSO refusal mapped and ended; the citizen id gone from the station database once a request ends, and never
// in a log.
import '../../factories/idbShims.js';
import { uniqueDbName } from '../../factories/idbShims.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../../../electron/services/compositionRoot.node.js';
import type { AuthenRequest } from '../../../electron/contract/nhso.std.js';
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { storeClaimCode } from '../../../sync/store/claimCodeStore.dom.js';
import { newVisit, EncounterDoc } from '../../../sync/model/encounter.std.js';
import { claimCodeOf } from '../../../sync/model/claimCode.std.js';
import { docId } from '../../../sync/model/fhir.std.js';
import { syntheticCid } from '../../factories/fhirFixtures.js';
import { startFakeNhsoAgent, type FakeNhsoAgent } from './fakeNhsoAgent.js';
import { nextEvent } from '../sync-main/syncNode.js';
import { staffed } from '../../factories/staff.js';

const policy = { baseMs: 300, maxMs: 1_000, timeoutMs: 800, answerWithinMs: 1_500 };
let agent: FakeNhsoAgent;
let node: EdgeNode;
let dataDir: string;
let records: DataContext;
let visitNo = 0;

beforeAll(async () => {
  agent = await startFakeNhsoAgent();
  dataDir = mkdtempSync(join(tmpdir(), 'edge-nhso-'));
  node = staffed(
    await createEdgeNode({
      dataDir,
      card: { backend: 'off' },
      devices: { autoStart: false },
      sync: { autoStart: false },
      nhso: { defaultAgentUrl: agent.url, policy },
    }),
  );
  node.settings.setup({ hcode: '10953', stationName: 'ห้องบัตร 1', queuePrefix: 'A' });
  records = await DataContext.open(uniqueDbName('nhso'));
});

afterEach(async () => {
  await agent.setMode('normal');
});

afterAll(async () => {
  await records?.close();
  await node?.close();
  await agent?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A visit in the page's store, and the page's request for its code. */
async function saveVisit(): Promise<{ encounterId: string; cid: string }> {
  visitNo += 1;
  const encounterId = `enc-nhso-${visitNo}`;
  await records.save(
    newVisit({
      encounterId,
      patientId: `p${visitNo}`,
      hcode: '10953',
      stationId: 'st-10953-a',
      at: new Date().toISOString(),
      queueNumber: `A-${String(visitNo).padStart(3, '0')}`,
    }),
  );
  return { encounterId, cid: syntheticCid(700 + visitNo) };
}

async function requestAuthen(encounterId: string, cid: string): Promise<AuthenRequest> {
  const result = await node.dispatch('nhso.requestAuthen', {
    encounterId,
    patientId: 'p',
    cid,
    mobile: '0812345678',
    claimType: 'PG0060001',
  });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as AuthenRequest;
}

/** What the page does with a request that has its code. */
async function storeOnEncounter(request: AuthenRequest): Promise<string | null> {
  if (request.claimCode === null) return null;
  await storeClaimCode(records, request.encounterId, request.claimCode, {
    at: new Date().toISOString(),
    stationId: 'st-10953-a',
  });
  await node.dispatch('nhso.markStored', { id: request.id });
  const encounter = EncounterDoc.parse(await records.get(docId('Encounter', request.encounterId)));
  return claimCodeOf(encounter);
}

function cidColumns(): { cid: string | null; mobile: string | null; state: string }[] {
  return node.db
    .prepare<
      [],
      { cid: string | null; mobile: string | null; state: string }
    >('SELECT cid, mobile, state FROM nhso_authen')
    .all();
}

describe('NHSO authen code through the agent', () => {
  it('fetches the code at once when the agent answers, and the page stores it on the Encounter', async () => {
    const { encounterId, cid } = await saveVisit();
    const request = await requestAuthen(encounterId, cid);
    expect(request).toMatchObject({ state: 'got_code', attempts: 1, errorCode: null });
    expect(request.claimCode).toMatch(/^PP\d{10}$/);
    expect(agent.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/nhso-service/confirm-save',
      body: { pid: cid, claimType: 'PG0060001', mobile: '0812345678', hcode: '10953' },
    });
    expect(await storeOnEncounter(request)).toBe(request.claimCode);
    const listed = await node.dispatch('nhso.authenRequests', { encounterIds: [encounterId] });
    expect(listed).toMatchObject({ ok: true, value: [{ id: request.id, storedOnEncounter: true }] });
    // Asking again for the same visit keeps the request it has.
    expect((await requestAuthen(encounterId, cid)).id).toBe(request.id);
  });

  it('queues the request while the agent is down and completes it when the agent comes back', async () => {
    await agent.setMode('down');
    const { encounterId, cid } = await saveVisit();
    const request = await requestAuthen(encounterId, cid);
    expect(request).toMatchObject({ state: 'retrying', errorCode: 'nhso_agent_unreachable', claimCode: null });
    expect(request.nextAttemptAt).not.toBeNull();
    // Still open: the id needed to ask again is kept, and only for this open request.
    expect(cidColumns().filter((row) => row.cid !== null)).toEqual([{ cid, mobile: '0812345678', state: 'retrying' }]);
    const done = nextEvent(
      node,
      'nhso.authen',
      (event) => event.id === request.id && event.state === 'got_code',
      15_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    await agent.setMode('normal');
    const completed = await done;
    expect(completed.attempts).toBeGreaterThanOrEqual(2);
    expect(await storeOnEncounter(completed)).toBe(completed.claimCode);
    expect(cidColumns().every((row) => row.cid === null && row.mobile === null)).toBe(true);
  });

  it('a slow agent times out, the request is retried, and the code the first try got is found, not asked twice', async () => {
    // The agent answers after 900 ms, our try gives up at 800 ms and the next one starts 300 ms later.
    await agent.setMode('slow', { slowMs: 900 });
    const { encounterId, cid } = await saveVisit();
    const before = agent.issued().length;
    const firstCall = agent.calls.length;
    const request = await requestAuthen(encounterId, cid);
    expect(request).toMatchObject({ state: 'retrying', errorCode: 'nhso_agent_timeout' });
    await agent.setMode('normal');
    const completed = await nextEvent(
      node,
      'nhso.authen',
      (event) => event.id === request.id && event.state === 'got_code',
      15_000,
    );
    // The slow try did reach the NHSO (it issued a code after our timeout); the retry asked for the latest code
    // first and took that one, so the NHSO was asked once.
    expect(agent.issued().length).toBe(before + 1);
    expect(
      agent.calls.slice(firstCall).map((call) => `${call.method} ${call.path.replace(/\d{13}/, '{pid}')}`),
    ).toEqual(['POST /api/nhso-service/confirm-save', 'GET /api/nhso-service/latest-authen-code/{pid}']);
    expect(completed.claimCode).toBe(agent.issued().at(-1)?.claimCode);
    expect(await storeOnEncounter(completed)).toBe(completed.claimCode);
  });

  it('answers "pending" when the first try outlasts its grace, and the try goes on', async () => {
    const quickDir = mkdtempSync(join(tmpdir(), 'edge-nhso-quick-'));
    const quick = staffed(
      await createEdgeNode({
        dataDir: quickDir,
        card: { backend: 'off' },
        devices: { autoStart: false },
        sync: { autoStart: false },
        nhso: { defaultAgentUrl: agent.url, policy: { ...policy, answerWithinMs: 200 } },
      }),
    );
    try {
      await agent.setMode('slow', { slowMs: 600 });
      const { encounterId, cid } = await saveVisit();
      const completed = nextEvent(
        quick,
        'nhso.authen',
        (event) => event.encounterId === encounterId && event.state === 'got_code',
        15_000,
      );
      const started = Date.now();
      const result = await quick.dispatch('nhso.requestAuthen', {
        encounterId,
        patientId: 'p',
        cid,
        mobile: '0812345678',
        claimType: 'PG0060001',
      });
      expect(Date.now() - started).toBeLessThan(550);
      expect(result).toMatchObject({ ok: true, value: { state: 'pending', attempts: 0 } });
      expect((await completed).claimCode).toMatch(/^PP\d{10}$/);
    } finally {
      await quick.close();
      rmSync(quickDir, { recursive: true, force: true });
    }
  });

  it('tries a waiting request at once when the link to central comes back (GIN is up again), whatever its back-off', async () => {
    const slowDir = mkdtempSync(join(tmpdir(), 'edge-nhso-gin-'));
    const patient = staffed(
      await createEdgeNode({
        dataDir: slowDir,
        card: { backend: 'off' },
        devices: { autoStart: false },
        sync: { autoStart: false },
        nhso: { defaultAgentUrl: agent.url, policy: { ...policy, baseMs: 60_000, maxMs: 60_000 } },
      }),
    );
    try {
      await agent.setMode('failing', { failStatus: 503 });
      const { encounterId, cid } = await saveVisit();
      const first = await patient.dispatch('nhso.requestAuthen', {
        encounterId,
        patientId: 'p',
        cid,
        mobile: '0812345678',
        claimType: 'PG0060001',
      });
      expect(first).toMatchObject({ ok: true, value: { state: 'retrying', errorCode: 'nhso_unreachable' } });
      await agent.setMode('normal');
      const completed = nextEvent(
        patient,
        'nhso.authen',
        (event) => event.encounterId === encounterId && event.state === 'got_code',
        5_000,
      );
      patient.events.emit('sync.kick', { reason: 'link_up', at: new Date().toISOString() });
      expect((await completed).claimCode).toMatch(/^PP\d{10}$/);
    } finally {
      await patient.close();
      rmSync(slowDir, { recursive: true, force: true });
    }
  });

  it('maps an NHSO refusal to its error code and ends the request (no retry); a 503 is retried', async () => {
    await agent.setMode('failing');
    const refused = await saveVisit();
    const request = await requestAuthen(refused.encounterId, refused.cid);
    expect(request).toMatchObject({ state: 'failed', errorCode: 'nhso_refused', claimCode: null });
    expect(cidColumns().every((row) => row.state !== 'failed' || row.cid === null)).toBe(true);
    await agent.setMode('failing', { failStatus: 503 });
    const gin = await saveVisit();
    expect(await requestAuthen(gin.encounterId, gin.cid)).toMatchObject({
      state: 'retrying',
      errorCode: 'nhso_unreachable',
    });
    await agent.setMode('normal');
    await nextEvent(
      node,
      'nhso.authen',
      (event) => event.encounterId === gin.encounterId && event.state === 'got_code',
      15_000,
    );
    // A failed request may be asked again for the same visit (after the clerk fixed the mobile number).
    expect(await requestAuthen(refused.encounterId, refused.cid)).toMatchObject({ state: 'got_code' });
  });

  it('the database refuses an open request without the id and a finished one with it', () => {
    const insert = (state: string, cid: string | null) => () =>
      node.db
        .prepare(
          "INSERT INTO nhso_authen (id, encounter_id, patient_id, cid_hash, cid, mobile, claim_type, correlation_id, state, claim_code, created_at, updated_at) VALUES (?, ?, 'p', 'h', ?, ?, 'PG0060001', 'c', ?, ?, 'x', 'x')",
        )
        .run(
          `x-${state}-${String(cid)}`,
          `e-${state}-${String(cid)}`,
          cid,
          cid === null ? null : '0812345678',
          state,
          state === 'got_code' ? 'PP1' : null,
        );
    expect(insert('retrying', null)).toThrow(/CHECK/);
    expect(insert('got_code', '1234567890123')).toThrow(/CHECK/);
    expect(insert('failed', '1234567890123')).toThrow(/CHECK/);
  });

  it('reads rights and the latest code through the agent, and says when the agent is down', async () => {
    expect(await node.dispatch('nhso.readRights', {})).toMatchObject({
      ok: true,
      value: { mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ', hospMain: { hcode: '10953' } },
    });
    const known = agent.issued().at(-1);
    if (known === undefined) throw new Error('no code issued');
    expect(await node.dispatch('nhso.latestAuthen', { cid: known.pid })).toMatchObject({
      ok: true,
      value: { claimCode: known.claimCode, claimType: 'PG0060001' },
    });
    expect(await node.dispatch('nhso.latestAuthen', { cid: syntheticCid(999) })).toMatchObject({
      ok: false,
      error: { code: 'nhso_no_code' },
    });
    await agent.setMode('down');
    expect(await node.dispatch('nhso.readRights', {})).toMatchObject({
      ok: false,
      error: { code: 'nhso_agent_unreachable' },
    });
  });

  it('the doctor says whether the agent answers', async () => {
    const nhsoCheck = async (): Promise<unknown> => {
      const result = await node.dispatch('diagnostics.run', {});
      return result.ok ? (result.value as { id: string }[]).find((check) => check.id === 'nhso') : result;
    };
    await agent.setMode('normal');
    expect(await nhsoCheck()).toMatchObject({
      verdict: 'ok',
      en: `The NHSO Secure Smart Card Agent answers at ${agent.url}.`,
    });
    await agent.setMode('down');
    expect(await nhsoCheck()).toMatchObject({
      verdict: 'warn',
      en: `The NHSO Secure Smart Card Agent at ${agent.url} does not answer; no authen codes until it runs.`,
    });
  });

  it('takes an agent address on this computer only', async () => {
    expect(await node.dispatch('nhso.setAgentUrl', { agentUrl: 'http://192.168.1.20:8189' })).toMatchObject({
      ok: false,
      error: { code: 'nhso_agent_url_not_local' },
    });
    expect(await node.dispatch('nhso.settings', {})).toMatchObject({ ok: true, value: { agentUrl: agent.url } });
  });

  it('writes no citizen id and no mobile number to the logs', async () => {
    await node.close();
    const logs = readdirSync(join(dataDir, 'logs'))
      .map((file) => readFileSync(join(dataDir, 'logs', file), 'utf8'))
      .join('\n');
    expect(logs).toContain('nhso authen');
    expect(logs).not.toMatch(/(?<!\d)\d{13}(?!\d)/);
    expect(logs).not.toContain('0812345678');
    node = staffed(
      await createEdgeNode({
        dataDir,
        card: { backend: 'off' },
        devices: { autoStart: false },
        sync: { autoStart: false },
        nhso: { defaultAgentUrl: agent.url, policy },
      }),
    );
  });
});
