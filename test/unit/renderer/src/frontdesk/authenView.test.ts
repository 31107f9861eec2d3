import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { authenView, authenWordsKey, normalizeMobile } from '../../../../../renderer/src/frontdesk/authenView.std.js';
import type { AuthenRequest } from '../../../../../electron/contract/nhso.std.js';
import th from '../../../../../renderer/src/i18n/th.json';
import en from '../../../../../renderer/src/i18n/en.json';

function request(overrides: Partial<AuthenRequest>): AuthenRequest {
  return {
    id: 'r1',
    encounterId: 'e1',
    patientId: 'p1',
    claimType: 'PG0060001',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    errorCode: null,
    claimCode: null,
    claimedAt: null,
    storedOnEncounter: false,
    createdAt: '2026-12-06T02:00:00.000Z',
    updatedAt: '2026-12-06T02:00:00.000Z',
    ...overrides,
  };
}

function words(lang: typeof th, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      lang.frontdesk.authen,
    );
}

describe('what the front desk says about a visit’s authen code', () => {
  it('the code on the Encounter wins, from whichever station', () => {
    expect(authenView('PP1', request({ state: 'failed', errorCode: 'nhso_refused' }))).toEqual({
      kind: 'got',
      claimCode: 'PP1',
    });
    expect(authenView('PP1', null)).toEqual({ kind: 'got', claimCode: 'PP1' });
  });

  it('else the request: asking, waiting (for the agent, the network, a slow NHSO), got, failed; none without one', () => {
    expect(authenView(null, undefined)).toEqual({ kind: 'none' });
    expect(authenView(null, request({}))).toEqual({ kind: 'asking' });
    expect(authenView(null, request({ state: 'retrying', errorCode: 'nhso_agent_unreachable' }))).toEqual({
      kind: 'waiting',
      reason: 'agent',
    });
    expect(authenView(null, request({ state: 'retrying', errorCode: 'nhso_unreachable' }))).toEqual({
      kind: 'waiting',
      reason: 'network',
    });
    expect(authenView(null, request({ state: 'retrying', errorCode: 'nhso_agent_timeout' }))).toEqual({
      kind: 'waiting',
      reason: 'slow',
    });
    expect(authenView(null, request({ state: 'got_code', claimCode: 'PP2' }))).toEqual({
      kind: 'got',
      claimCode: 'PP2',
    });
    expect(authenView(null, request({ state: 'failed', errorCode: 'nhso_refused' }))).toEqual({
      kind: 'failed',
      errorCode: 'nhso_refused',
    });
  });

  it('every view has Thai and English words, and none of them is a raw code', () => {
    const states = ['pending', 'retrying', 'got_code', 'failed'] as const;
    const errors = [null, 'nhso_agent_unreachable', 'nhso_agent_timeout', 'nhso_unreachable', 'nhso_refused'] as const;
    fc.assert(
      fc.property(
        fc.option(fc.constant('PP123'), { nil: null }),
        fc.option(fc.record({ state: fc.constantFrom(...states), errorCode: fc.constantFrom(...errors) }), {
          nil: null,
        }),
        (code, req) => {
          const view = authenView(
            code,
            req === null ? null : request({ ...req, claimCode: req.state === 'got_code' ? 'PP9' : null }),
          );
          const key = authenWordsKey(view);
          const thai = words(th, key);
          const english = words(en, key);
          return (
            typeof thai === 'string' &&
            /[\u0E00-\u0E7F]/.test(thai) &&
            typeof english === 'string' &&
            !/nhso_|got_code|retrying/.test(`${thai}${english}`)
          );
        },
      ),
    );
    expect(words(th, 'waiting.network')).toBe('รอส่งคำขอ (เครือข่ายขัดข้อง)');
  });
});

describe('the mobile number as a clerk types it', () => {
  it('takes spaces, dashes and +66; refuses anything else; empty means no request', () => {
    expect(normalizeMobile('081-234-5678')).toBe('0812345678');
    expect(normalizeMobile('+66 81 234 5678')).toBe('0812345678');
    expect(normalizeMobile('  ')).toBe('');
    for (const bad of ['081234567', '08123456789', '1812345678', '08l2345678'])
      expect(normalizeMobile(bad), bad).toBeNull();
    fc.assert(
      fc.property(
        fc.stringMatching(/^0\d{9}$/),
        fc.array(fc.constantFrom(' ', '-'), { maxLength: 3 }),
        (mobile, seps) => {
          const typed = `${mobile.slice(0, 3)}${seps.join('')}${mobile.slice(3)}`;
          return normalizeMobile(typed) === mobile;
        },
      ),
    );
  });
});
