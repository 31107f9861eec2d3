import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agentErrorDetail,
  confirmSaveBody,
  isTodaysCode,
  localAgentUrl,
  parseConfirmSave,
  parseLatest,
  parseRead,
} from '../../../../../electron/services/nhso/agentWire.std.js';
import { RETRYABLE_NHSO_ERRORS } from '../../../../../electron/contract/nhsoErrors.std.js';
import { retryDelayMs, DEFAULT_RETRY_POLICY } from '../../../../../electron/services/nhso/retryPolicy.std.js';
import { errorText } from '../../../../../electron/contract/errors.std.js';
import { nhsoErrorCodes } from '../../../../../electron/contract/nhsoErrors.std.js';
import { nhsoVerdict } from '../../../../../electron/services/nhso/nhsoDoctor.std.js';
import { accessDenied } from '../../../../../electron/contract/access.std.js';

describe('the agent address', () => {
  it('takes this computer only, as an origin', () => {
    expect(localAgentUrl('http://127.0.0.1:8189')).toBe('http://127.0.0.1:8189');
    expect(localAgentUrl(' http://localhost:8189/ ')).toBe('http://localhost:8189');
    expect(localAgentUrl('http://[::1]:8189')).toBe('http://[::1]:8189');
    for (const bad of [
      'http://10.0.0.5:8189',
      'http://agent.hospital.local:8189',
      'ftp://127.0.0.1',
      'http://user:pw@127.0.0.1:8189',
      'http://127.0.0.1:8189/?x=1',
      'not a url',
      'http://127.0.0.1.evil.example:8189',
    ]) {
      expect(localAgentUrl(bad), bad).toBeNull();
    }
  });
});

describe('confirm-save', () => {
  it('sends hn and hcode only when known', () => {
    expect(
      confirmSaveBody({ pid: '1', claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c', hn: '' }),
    ).toEqual({ pid: '1', claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c' });
    expect(
      confirmSaveBody({
        pid: '1',
        claimType: 'PG0060001',
        mobile: '0812345678',
        correlationId: 'c',
        hn: '42',
        hcode: '10953',
      }),
    ).toMatchObject({ hn: '42', hcode: '10953' });
  });

  it('reads the code and its time from a 200 answer', () => {
    expect(
      parseConfirmSave(200, {
        pid: 'x',
        claimType: 'PG0060001',
        correlationId: 'c',
        createdDate: '2026-12-06T09:01:02',
        claimCode: 'PP1234567890',
      }),
    ).toEqual({
      ok: true,
      value: { claimCode: 'PP1234567890', claimedAt: '2026-12-06T09:01:02' },
    });
  });

  it('maps every status and body to one error code; only unreachable or slow ones are retried', () => {
    expect(parseConfirmSave(200, {})).toMatchObject({ ok: false, code: 'nhso_bad_answer' });
    expect(parseConfirmSave(200, 'not json')).toMatchObject({ ok: false, code: 'nhso_bad_answer' });
    expect(parseConfirmSave(400, { status: 400, error: 'Bad Request', message: 'mobile not valid' })).toEqual({
      ok: false,
      code: 'nhso_refused',
      detail: 'HTTP 400: mobile not valid',
    });
    expect(parseConfirmSave(503, { error: 'Service Unavailable' })).toMatchObject({
      ok: false,
      code: 'nhso_unreachable',
    });
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.jsonValue(), (status, body) => {
        const outcome = parseConfirmSave(status, body);
        if (outcome.ok) return status === 200;
        const retry = RETRYABLE_NHSO_ERRORS.has(outcome.code);
        return retry === [500, 502, 503, 504].includes(status) && outcome.detail.length <= 220;
      }),
      { numRuns: 500 },
    );
  });
});

describe('latest-authen-code and read', () => {
  it('an answer without claimCode means no code yet', () => {
    expect(parseLatest(200, {})).toMatchObject({ ok: false, code: 'nhso_no_code' });
    expect(parseLatest(404, null)).toMatchObject({ ok: false, code: 'nhso_no_code' });
    expect(
      parseLatest(200, {
        claimCode: 'PP1',
        claimType: 'PG0060001',
        claimDateTime: '2026-12-06T08:00:00',
        hcode: '10953',
      }),
    ).toEqual({
      ok: true,
      value: { claimCode: 'PP1', claimType: 'PG0060001', claimedAt: '2026-12-06T08:00:00' },
    });
  });

  it('the read says 418 for no reader and 500 for no card, and gives the rights fields', () => {
    expect(parseRead(418, { status: 418 })).toMatchObject({ code: 'nhso_no_reader' });
    expect(parseRead(500, { status: 500 })).toMatchObject({ code: 'nhso_no_card' });
    const read = parseRead(200, {
      pid: '1',
      mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
      hospMain: { hcode: '10953', hname: 'รพ.' },
      claimTypes: [{ claimType: 'PG0060001', claimTypeName: 'OPD' }],
    });
    expect(read).toMatchObject({
      ok: true,
      value: {
        mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
        subInscl: null,
        hospMain: { hcode: '10953' },
        hospSub: null,
        correlationId: null,
      },
    });
    expect(read.ok && 'pid' in read.value).toBe(false);
  });

  it('names the agent’s own words in the detail, cut short', () => {
    expect(agentErrorDetail(400, { errorMessage: 'x'.repeat(500) })).toHaveLength('HTTP 400: '.length + 200);
    expect(agentErrorDetail(502, null)).toBe('HTTP 502');
  });
});

describe("today's code", () => {
  const requested = new Date('2026-12-06T02:00:00.000Z'); // 09:00 in Bangkok
  const bangkok = -420;
  it('is the same claim type issued on the local day of the request', () => {
    expect(
      isTodaysCode(
        { claimCode: 'A', claimType: 'PG0060001', claimedAt: '2026-12-06T09:00:05' },
        'PG0060001',
        requested,
        bangkok,
      ),
    ).toBe(true);
    expect(
      isTodaysCode(
        { claimCode: 'A', claimType: null, claimedAt: '2026-12-06T23:59:00' },
        'PG0060001',
        requested,
        bangkok,
      ),
    ).toBe(true);
    expect(
      isTodaysCode(
        { claimCode: 'A', claimType: 'PG0130001', claimedAt: '2026-12-06T09:00:05' },
        'PG0060001',
        requested,
        bangkok,
      ),
    ).toBe(false);
    expect(
      isTodaysCode(
        { claimCode: 'A', claimType: 'PG0060001', claimedAt: '2026-12-05T16:00:00' },
        'PG0060001',
        requested,
        bangkok,
      ),
    ).toBe(false);
    expect(
      isTodaysCode({ claimCode: 'A', claimType: 'PG0060001', claimedAt: null }, 'PG0060001', requested, bangkok),
    ).toBe(false);
  });
  it('takes the local date, not the UTC one (a 06:30 request in Bangkok is 23:30 UTC the day before)', () => {
    const early = new Date('2026-12-05T23:30:00.000Z');
    expect(
      isTodaysCode(
        { claimCode: 'A', claimType: 'PG0060001', claimedAt: '2026-12-06T06:31:00' },
        'PG0060001',
        early,
        bangkok,
      ),
    ).toBe(true);
  });
});

describe('retry back-off', () => {
  it('doubles from the base, never above the cap, never shrinks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        (failures, baseMs, maxMs) => {
          const policy = { baseMs, maxMs, timeoutMs: 1, answerWithinMs: 1 };
          const delay = retryDelayMs(failures, policy);
          return (
            delay <= Math.max(maxMs, 0) &&
            delay >= Math.min(baseMs, maxMs) &&
            retryDelayMs(failures + 1, policy) >= delay
          );
        },
      ),
    );
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n, DEFAULT_RETRY_POLICY))).toEqual([
      2_000, 4_000, 8_000, 16_000, 60_000,
    ]);
  });
});

describe('the catalogue', () => {
  it('has Thai and English words for every NHSO error code', () => {
    for (const code of nhsoErrorCodes) {
      expect(errorText[code].th).toMatch(/[\u0E00-\u0E7F]/);
      expect(errorText[code].en.length).toBeGreaterThan(10);
    }
  });
});

describe("the doctor's NHSO check", () => {
  it('says whether the agent answers at its address and how many requests wait, in Thai and English', () => {
    expect(nhsoVerdict({ agentUrl: 'http://127.0.0.1:8189', reachable: true, waiting: 0 })).toMatchObject({
      id: 'nhso',
      verdict: 'ok',
      th: 'โปรแกรม สปสช. (Secure Smart Card Agent) ทำงานที่ http://127.0.0.1:8189',
    });
    expect(nhsoVerdict({ agentUrl: 'http://127.0.0.1:8189', reachable: true, waiting: 2 })).toMatchObject({
      verdict: 'warn',
      en: 'The NHSO Secure Smart Card Agent answers at http://127.0.0.1:8189. 2 authen request(s) waiting to be sent.',
    });
    const down = nhsoVerdict({ agentUrl: 'http://127.0.0.1:8189', reachable: false, waiting: 1 });
    expect(down.verdict).toBe('warn');
    expect(down.th).toContain('ไม่ได้');
    expect(down.th).toContain('รอส่ง 1 รายการ');
  });
});

describe('who may ask for authen codes', () => {
  const on = (role: 'front_desk' | 'nurse' | 'it' | null) => ({
    role,
    locked: false,
    configured: true,
    noAccounts: false,
  });
  it('the front desk and nurses ask; IT and nobody may not; the agent address is IT’s', () => {
    for (const name of [
      'nhso.requestAuthen',
      'nhso.authenRequests',
      'nhso.latestAuthen',
      'nhso.readRights',
      'nhso.retryNow',
      'nhso.markStored',
    ] as const) {
      expect(accessDenied(name, on('front_desk'))).toBeUndefined();
      expect(accessDenied(name, on('it'))).toBe('staff_forbidden');
      expect(accessDenied(name, on(null))).toBe('staff_not_signed_in');
    }
    expect(accessDenied('nhso.setAgentUrl', on('front_desk'))).toBe('staff_forbidden');
    expect(accessDenied('nhso.setAgentUrl', on('it'))).toBeUndefined();
  });
});
