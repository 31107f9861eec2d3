/**
 * NHSO authen codes for the front desk: each request is stored first (nhso_authen), then tried; a failure that may
 * pass (agent closed, GIN down, slow answer) keeps it queued and it is tried again after a back-off, also after a
 * restart. Every change is emitted as `nhso.authen`. The citizen id is read from the row only to ask the agent and
 * is cleared when the request ends; logs name the request id, never the person.
 */
import { randomUUID } from 'node:crypto';
import type { StationDb } from '../db/stationDb.node.js';
import type { EventBus } from '../eventBus.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { HashCid } from '../card/cidHash.node.js';
import type { AgentRights, AuthenRequest, ClaimType, LatestAuthen, NhsoSettings } from '../../contract/nhso.std.js';
import { RETRYABLE_NHSO_ERRORS, type NhsoErrorCode } from '../../contract/nhsoErrors.std.js';
import { EdgeError } from '../../contract/result.std.js';
import { AuthenStore, type OpenAsk } from './authenStore.node.js';
import { httpAgentClient, type AgentClient } from './agentClient.node.js';
import { isTodaysCode, localAgentUrl, type AgentOutcome } from './agentWire.std.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retryPolicy.std.js';
import type { NhsoHealth } from './nhsoDoctor.std.js';

/** Finished requests are kept this long for the queue's display, then pruned (open ones never are). */
const KEEP_FINISHED_MS = 2 * 24 * 3600_000;

export interface AuthenServiceOptions {
  readonly db: StationDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly audit: AuditLog;
  readonly hashCid: HashCid;
  readonly hcode: () => string | null;
  readonly policy?: RetryPolicy | undefined;
  /** The agent address when IT has stored none (dev:browser --nhso-agent); else http://127.0.0.1:8189. */
  readonly defaultAgentUrl?: string | undefined;
  readonly client?: ((baseUrl: () => string, timeoutMs: number) => AgentClient) | undefined;
}

export interface AuthenAsk {
  readonly encounterId: string;
  readonly patientId: string;
  readonly cid: string;
  readonly mobile: string;
  readonly claimType: ClaimType;
  readonly hn?: string | undefined;
}

export class AuthenService {
  readonly #store: AuthenStore;
  readonly #options: AuthenServiceOptions;
  readonly #policy: RetryPolicy;
  readonly #client: AgentClient;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #inFlight = new Map<string, Promise<void>>();
  #closed = false;

  constructor(options: AuthenServiceOptions) {
    this.#options = options;
    this.#store = new AuthenStore(options.db);
    this.#policy = options.policy ?? DEFAULT_RETRY_POLICY;
    const baseUrl = (): string => this.agentUrl();
    this.#client = (options.client ?? httpAgentClient)(baseUrl, this.#policy.timeoutMs);
  }

  /** Picks up what a previous run left open and prunes old finished requests. */
  start(): void {
    this.#store.prune(new Date(Date.now() - KEEP_FINISHED_MS).toISOString());
    for (const request of this.#store.open()) this.#schedule(request.id, request.nextAttemptAt);
  }

  agentUrl(): string {
    return this.#store.effectiveAgentUrl(this.#options.defaultAgentUrl);
  }

  settings(): NhsoSettings {
    return { agentUrl: this.agentUrl() };
  }

  setAgentUrl(text: string): NhsoSettings {
    const url = localAgentUrl(text);
    if (url === null)
      throw new EdgeError('nhso_agent_url_not_local', 'the NHSO agent address must be on this computer');
    this.#store.setAgentUrl(url, new Date().toISOString());
    this.#options.audit.append({ action: 'nhso.agent_url', detail: { agentUrl: url } });
    return this.settings();
  }

  /**
   * Stores the request for this visit and answers its state after the first try, or "pending" when the try takes
   * longer than `answerWithinMs` (a slow agent never holds the front desk; events follow). A visit already asked
   * for keeps its request.
   */
  async request(ask: AuthenAsk): Promise<AuthenRequest> {
    const existing = this.#store.byEncounter(ask.encounterId);
    if (existing !== null && existing.state !== 'failed') return existing;
    const cidHash = this.#options.hashCid(ask.cid);
    const stored = this.#store.insert({
      id: randomUUID(),
      encounterId: ask.encounterId,
      patientId: ask.patientId,
      cidHash,
      cid: ask.cid,
      mobile: ask.mobile,
      claimType: ask.claimType,
      hn: ask.hn ?? null,
      correlationId: randomUUID(),
      at: new Date().toISOString(),
    });
    this.#options.audit.append({
      action: 'nhso.authen_requested',
      subjectHash: cidHash,
      detail: { request: stored.id, claimType: ask.claimType },
    });
    this.#emit(stored.id);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#policy.answerWithinMs);
    });
    await Promise.race([this.#attempt(stored.id), grace]);
    clearTimeout(timer);
    return this.#store.get(stored.id) ?? stored;
  }

  list(encounterIds?: readonly string[]): AuthenRequest[] {
    return this.#store.list(encounterIds);
  }

  markStored(id: string): AuthenRequest {
    this.#store.markStored(id, new Date().toISOString());
    const request = this.#store.get(id);
    if (request === null) throw new EdgeError('not_found', 'no such authen request');
    this.#emit(id);
    return request;
  }

  /** Tries every open request now (the clerk's "send again", or the link is back). */
  async retryNow(): Promise<AuthenRequest[]> {
    await Promise.all(this.#store.open().map((request) => this.#attempt(request.id)));
    return this.#store.list();
  }

  async readRights(): Promise<AgentRights> {
    return orThrow(await this.#client.readRights());
  }

  async latest(cid: string): Promise<LatestAuthen> {
    return orThrow(await this.#client.latest(cid));
  }

  /** For the doctor: does the agent answer, and how many requests wait. */
  async health(): Promise<NhsoHealth> {
    const probe = await this.#client.probe();
    return { agentUrl: this.agentUrl(), reachable: probe.ok, waiting: this.#store.open().length };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.all(this.#inFlight.values());
  }

  /** One try at a time per request: a timer and "send again" never ask twice at once. */
  #attempt(id: string): Promise<void> {
    const running = this.#inFlight.get(id);
    if (running !== undefined) return running;
    const timer = this.#timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(id);
    const attempt = this.#try(id).finally(() => this.#inFlight.delete(id));
    this.#inFlight.set(id, attempt);
    return attempt;
  }

  async #try(id: string): Promise<void> {
    const ask = this.#store.ask(id);
    if (ask === null || this.#closed) return;
    // The last try may have reached the NHSO with its answer lost: today's code for this claim type is ours.
    if (ask.lastError === 'nhso_agent_timeout' || ask.lastError === 'nhso_unreachable') {
      const found = await this.#todaysCode(ask);
      if (found !== null)
        return this.#finish(ask, { ok: true, value: { claimCode: found.claimCode, claimedAt: found.claimedAt } });
    }
    const outcome = await this.#client.confirmSave({
      pid: ask.cid,
      claimType: ask.claimType,
      mobile: ask.mobile,
      correlationId: ask.correlationId,
      ...(ask.hn === null ? {} : { hn: ask.hn }),
      ...(this.#options.hcode() === null ? {} : { hcode: this.#options.hcode() ?? '' }),
    });
    if (!outcome.ok && outcome.code === 'nhso_refused') {
      // The agent refuses a second code on the same day: the first one is the patient's code for this visit.
      const found = await this.#todaysCode(ask);
      if (found !== null)
        return this.#finish(ask, { ok: true, value: { claimCode: found.claimCode, claimedAt: found.claimedAt } });
    }
    this.#finish(ask, outcome);
  }

  async #todaysCode(ask: OpenAsk): Promise<LatestAuthen | null> {
    const latest = await this.#client.latest(ask.cid);
    if (!latest.ok) return null;
    return isTodaysCode(latest.value, ask.claimType, new Date(ask.createdAt), new Date().getTimezoneOffset())
      ? latest.value
      : null;
  }

  #finish(ask: OpenAsk, outcome: AgentOutcome<{ claimCode: string; claimedAt: string | null }>): void {
    if (this.#closed) return;
    const at = new Date();
    const log = this.#options.log;
    if (outcome.ok) {
      this.#store.gotCode(ask.id, outcome.value.claimCode, outcome.value.claimedAt, at.toISOString());
      log.info({ request: ask.id, attempts: ask.attempts + 1 }, 'nhso authen code issued');
      this.#options.audit.append({ action: 'nhso.authen_issued', detail: { request: ask.id } });
    } else if (RETRYABLE_NHSO_ERRORS.has(outcome.code)) {
      const next = new Date(at.getTime() + retryDelayMs(ask.attempts + 1, this.#policy)).toISOString();
      this.#store.retrying(ask.id, outcome.code, next, at.toISOString());
      log.warn({ request: ask.id, code: outcome.code, detail: outcome.detail, next }, 'nhso authen queued for retry');
      this.#schedule(ask.id, next);
    } else {
      this.#failed(ask.id, outcome.code, outcome.detail, at);
    }
    this.#emit(ask.id);
  }

  #failed(id: string, code: NhsoErrorCode, detail: string, at: Date): void {
    this.#store.failed(id, code, at.toISOString());
    this.#options.log.warn({ request: id, code, detail }, 'nhso authen request failed');
    this.#options.audit.append({ action: 'nhso.authen_failed', detail: { request: id, code } });
  }

  #schedule(id: string, at: string | null): void {
    if (this.#closed) return;
    const delay = at === null ? 0 : Math.max(0, Date.parse(at) - Date.now());
    const existing = this.#timers.get(id);
    if (existing !== undefined) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      void this.#attempt(id);
    }, delay);
    timer.unref();
    this.#timers.set(id, timer);
  }

  #emit(id: string): void {
    const request = this.#store.get(id);
    if (request !== null) this.#options.events.emit('nhso.authen', request);
  }
}

function orThrow<T>(outcome: AgentOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new EdgeError(outcome.code, outcome.detail);
}
