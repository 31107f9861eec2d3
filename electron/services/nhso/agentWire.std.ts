/**
 * The NHSO Secure Smart Card Agent's HTTP API (a local service, port 8189), parsed and judged as pure code.
 *
 * Sources (stored public code read through the project's code index; no official NHSO specification was found,
 * so field names are those apps rely on, and anything else in an answer is ignored):
 * - ../shared/reference/thai-id-card-and-health-standards.md §3.4: the endpoints, `confirm-save`'s body
 *   `{pid, claimType, mobile, correlationId, hn, hcode}` → `claimCode`, `createdDate`; the read's rights fields.
 * - A Python agent client (index file id 41514171485): `GET /api/smartcard/read?readImageFlag=`,
 *   `POST /api/nhso-service/confirm-save` (JSON), `GET /api/nhso-service/latest-authen-code/{pid}`, hn and hcode
 *   optional in the body.
 * - A Python script (id 31220889639): confirm-save answers 200 with `pid, claimType, correlationId,
 *   createdDate, claimCode`; 400 is a refusal with a JSON body.
 * - An Electron relay "iHosConnect" (id 30220240439): a failed call's JSON body carries `error` (and `errors`),
 *   a read answers `status` 418 when there is no reader and 500 when there is no card.
 * - A Flutter kiosk (id 42497963629): confirm-save answering 400 when the patient already has today's code, then
 *   `latest-authen-code/{pid}` for it.
 * - A Node HIS job (id 27626946186) and a VB.NET client (id 34208909563): latest-authen-code answers
 *   `claimCode`, `claimType`, `hcode`, `claimDateTime`, and no `claimCode` when there is none.
 * [!] Unverified: which 5xx statuses mean "NHSO unreachable" (taken as 500, 502, 503, 504 on NHSO calls); the
 * agent's own correlationId from a read may be required by some agent versions (we send our own UUID).
 */
import { z } from 'zod';
import type { NhsoErrorCode } from '../../contract/nhsoErrors.std.js';
import type { AgentRights, LatestAuthen } from '../../contract/nhso.std.js';

export const DEFAULT_AGENT_URL = 'http://127.0.0.1:8189';

export const agentPaths = {
  terminals: '/api/smartcard/terminals',
  read: '/api/smartcard/read?readImageFlag=false',
  confirmSave: '/api/nhso-service/confirm-save',
  latest: (cid: string): string => `/api/nhso-service/latest-authen-code/${cid}`,
} as const;

/** The agent runs on this computer; the citizen id is sent to it, so any other host is refused. */
export function localAgentUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  if (url.username !== '' || url.password !== '' || /[?#]/.test(text)) return null;
  return url.origin;
}

export interface ConfirmSaveBody {
  readonly pid: string;
  readonly claimType: string;
  readonly mobile: string;
  readonly correlationId: string;
  readonly hn?: string;
  readonly hcode?: string;
}

export function confirmSaveBody(input: ConfirmSaveBody): ConfirmSaveBody {
  const body: ConfirmSaveBody = {
    pid: input.pid,
    claimType: input.claimType,
    mobile: input.mobile,
    correlationId: input.correlationId,
  };
  return {
    ...body,
    ...(input.hn === undefined || input.hn === '' ? {} : { hn: input.hn }),
    ...(input.hcode === undefined ? {} : { hcode: input.hcode }),
  };
}

export type AgentOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: NhsoErrorCode; readonly detail: string };

const text = z.string().trim().min(1);
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null),
  z.string().nullable(),
);
const Hosp = z
  .object({ hcode: z.string(), hname: z.string().default('') })
  .nullable()
  .catch(null);

const ConfirmSaveAnswer = z.object({
  claimCode: text,
  claimType: optionalText.optional(),
  createdDate: optionalText.optional(),
});
const LatestAnswer = z.object({
  claimCode: text,
  claimType: optionalText.optional(),
  claimDateTime: optionalText.optional(),
});
const ReadAnswer = z.object({
  mainInscl: optionalText.optional(),
  subInscl: optionalText.optional(),
  hospMain: Hosp.optional(),
  hospSub: Hosp.optional(),
  claimTypes: z
    .array(z.object({ claimType: z.string(), claimTypeName: z.string().default('') }))
    .catch([])
    .optional(),
  correlationId: optionalText.optional(),
});
const ErrorAnswer = z.object({ message: z.unknown(), error: z.unknown(), errorMessage: z.unknown() }).partial();

/** The agent's own words on a failure (its `message`, `error` or `errorMessage`), for the log; never shown raw. */
export function agentErrorDetail(status: number, body: unknown): string {
  const parsed = ErrorAnswer.safeParse(body);
  const words = parsed.success
    ? [parsed.data.message, parsed.data.error, parsed.data.errorMessage].find((v) => typeof v === 'string' && v !== '')
    : undefined;
  return `HTTP ${status}${typeof words === 'string' ? `: ${words.slice(0, 200)}` : ''}`;
}

function failureOf<T>(status: number, body: unknown): AgentOutcome<T> {
  const detail = agentErrorDetail(status, body);
  if ([500, 502, 503, 504].includes(status)) return { ok: false, code: 'nhso_unreachable', detail };
  if (status >= 400 && status < 500) return { ok: false, code: 'nhso_refused', detail };
  return { ok: false, code: 'nhso_bad_answer', detail };
}

export interface IssuedCode {
  readonly claimCode: string;
  readonly claimedAt: string | null;
}

export function parseConfirmSave(status: number, body: unknown): AgentOutcome<IssuedCode> {
  if (status !== 200) return failureOf(status, body);
  const parsed = ConfirmSaveAnswer.safeParse(body);
  if (!parsed.success) return { ok: false, code: 'nhso_bad_answer', detail: 'HTTP 200 without a claimCode' };
  return { ok: true, value: { claimCode: parsed.data.claimCode, claimedAt: parsed.data.createdDate ?? null } };
}

export function parseLatest(status: number, body: unknown): AgentOutcome<LatestAuthen> {
  if (status === 404) return { ok: false, code: 'nhso_no_code', detail: agentErrorDetail(status, body) };
  if (status !== 200) return failureOf(status, body);
  const parsed = LatestAnswer.safeParse(body);
  // Apps read an answer without claimCode as "no code for this person".
  if (!parsed.success) return { ok: false, code: 'nhso_no_code', detail: 'HTTP 200 without a claimCode' };
  return {
    ok: true,
    value: {
      claimCode: parsed.data.claimCode,
      claimType: parsed.data.claimType ?? null,
      claimedAt: parsed.data.claimDateTime ?? null,
    },
  };
}

export function parseRead(status: number, body: unknown): AgentOutcome<AgentRights> {
  if (status === 418) return { ok: false, code: 'nhso_no_reader', detail: agentErrorDetail(status, body) };
  if (status === 500) return { ok: false, code: 'nhso_no_card', detail: agentErrorDetail(status, body) };
  if (status !== 200) return failureOf(status, body);
  const parsed = ReadAnswer.safeParse(body);
  if (!parsed.success || body === null || typeof body !== 'object')
    return { ok: false, code: 'nhso_bad_answer', detail: 'HTTP 200 with an unreadable body' };
  const data = parsed.data;
  return {
    ok: true,
    value: {
      mainInscl: data.mainInscl ?? null,
      subInscl: data.subInscl ?? null,
      hospMain: data.hospMain ?? null,
      hospSub: data.hospSub ?? null,
      claimTypes: data.claimTypes ?? [],
      correlationId: data.correlationId ?? null,
    },
  };
}

/**
 * Whether the code the agent lists as the latest is the one this request asked for: same claim type, issued on
 * the day the request was made (local date of the station). Used after a try whose answer may have been lost
 * (timeout, NHSO unreachable) and when confirm-save refuses because today's code exists already.
 */
export function isTodaysCode(
  latest: LatestAuthen,
  claimType: string,
  requestedAt: Date,
  timeZoneOffsetMinutes: number,
): boolean {
  if (latest.claimType !== null && latest.claimType !== claimType) return false;
  if (latest.claimedAt === null) return false;
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(latest.claimedAt)?.[1];
  if (day === undefined) return false;
  const local = new Date(requestedAt.getTime() - timeZoneOffsetMinutes * 60_000).toISOString().slice(0, 10);
  return day === local;
}
