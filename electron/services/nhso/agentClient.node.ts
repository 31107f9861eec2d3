/**
 * HTTP calls to the NHSO Secure Smart Card Agent on this station (API and sources: agentWire.std.ts). Every call
 * has a timeout; every failure comes back as an NHSO error code, never as a throw, so the queue can decide.
 */
import type { AgentRights, LatestAuthen } from '../../contract/nhso.std.js';
import {
  agentPaths,
  confirmSaveBody,
  parseConfirmSave,
  parseLatest,
  parseRead,
  type AgentOutcome,
  type ConfirmSaveBody,
  type IssuedCode,
} from './agentWire.std.js';

export interface AgentClient {
  readRights(): Promise<AgentOutcome<AgentRights>>;
  confirmSave(body: ConfirmSaveBody): Promise<AgentOutcome<IssuedCode>>;
  latest(cid: string): Promise<AgentOutcome<LatestAuthen>>;
  /** Whether the agent answers at all (any HTTP status): the doctor's probe. */
  probe(): Promise<AgentOutcome<number>>;
}

export function httpAgentClient(baseUrl: () => string, timeoutMs: number): AgentClient {
  async function call<T>(
    path: string,
    init: RequestInit,
    parse: (status: number, body: unknown) => AgentOutcome<T>,
  ): Promise<AgentOutcome<T>> {
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(`${baseUrl()}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const raw = await response.text();
      body = raw === '' ? null : safeJson(raw);
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return timedOut
        ? { ok: false, code: 'nhso_agent_timeout', detail: `no answer within ${timeoutMs} ms` }
        : { ok: false, code: 'nhso_agent_unreachable', detail: transportDetail(error) };
    }
    return parse(response.status, body);
  }
  return {
    readRights: () => call(agentPaths.read, { method: 'GET' }, parseRead),
    confirmSave: (body) =>
      call(
        agentPaths.confirmSave,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(confirmSaveBody(body)),
        },
        parseConfirmSave,
      ),
    latest: (cid) => call(agentPaths.latest(cid), { method: 'GET' }, parseLatest),
    probe: () => call(agentPaths.terminals, { method: 'GET' }, (status) => ({ ok: true, value: status })),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** ECONNREFUSED and the like; the URL path (which may hold a citizen id) is never part of it. */
function transportDetail(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'fetch failed';
}
