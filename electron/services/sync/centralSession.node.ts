/**
 * The station's session with central: `POST /_session` as the station user, the AuthSession cookie kept in
 * memory only (never in a log, never given to the page), renewed before CouchDB's 10-minute default expiry
 * and again whenever central answers 401. The password stays in this object and the keystore.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  CentralFailure,
  centralCall,
  centralTarget,
  failureCode,
  type CentralAnswer,
  type CentralTarget,
} from './centralRequest.node.js';

export interface StationCredentials {
  readonly centralUrl: string;
  readonly username: string;
  readonly password: string;
  readonly caPem: string | null;
  /** `clinic_<hcode>`: opening the session checks the station may use it. */
  readonly database: string;
}

export interface SessionOptions {
  readonly timeoutMs?: number;
  /** Log in again after this long (CouchDB's session timeout is 600 s by default). */
  readonly renewAfterMs?: number;
  readonly now?: () => number;
}

const COOKIE = /(?:^|[;,]\s*)AuthSession=([^;,\s]*)/;

/** The AuthSession value from Set-Cookie headers, or null. */
export function authSessionOf(headers: IncomingHttpHeaders): string | null {
  for (const line of headers['set-cookie'] ?? []) {
    const match = COOKIE.exec(line);
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  return null;
}

export class CentralSession {
  readonly target: CentralTarget;
  readonly credentials: StationCredentials;
  readonly #timeoutMs: number;
  readonly #renewAfterMs: number;
  readonly #now: () => number;
  #cookie: string | null = null;
  #since = 0;
  #pending: Promise<string> | null = null;

  constructor(credentials: StationCredentials, options: SessionOptions = {}) {
    this.credentials = credentials;
    this.target = centralTarget(credentials.centralUrl, credentials.caPem);
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#renewAfterMs = options.renewAfterMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Logs in and checks the station may use its hospital's database; throws a classified CentralFailure. */
  async open(): Promise<void> {
    this.invalidate();
    const cookie = await this.cookie();
    const answer = await centralCall(this.target, {
      path: `/${this.credentials.database}`,
      headers: { cookie: `AuthSession=${cookie}` },
      timeoutMs: this.#timeoutMs,
    });
    // Logged in, yet refused: CouchDB says 403, pouchdb-server 401 for a user without the hospital's role.
    if (answer.status === 401 || answer.status === 403)
      throw new CentralFailure(
        'sync_forbidden',
        `${this.credentials.username} may not use ${this.credentials.database}`,
        answer.status,
      );
    if (answer.status === 404)
      throw new CentralFailure(
        'sync_forbidden',
        `${this.credentials.database} does not exist on central (not provisioned)`,
        404,
      );
    if (answer.status !== 200)
      throw new CentralFailure(failureCode(null, answer.status), `central answered ${answer.status}`, answer.status);
  }

  /**
   * The probe: one GET /_session with the current cookie (no login). Reachable when central answers below 500;
   * `valid` when central still knows this station's session (a changed password or an expiry voids it).
   */
  async check(timeoutMs: number): Promise<{ rttMs: number; valid: boolean }> {
    const cookie = this.#cookie;
    const answer = await centralCall(this.target, {
      path: '/_session',
      headers: cookie === null ? {} : { cookie: `AuthSession=${cookie}` },
      timeoutMs,
    });
    if (answer.status >= 500)
      throw new CentralFailure(failureCode(null, answer.status), `central answered ${answer.status}`, answer.status);
    this.absorb(answer.headers);
    let name: unknown = null;
    try {
      name = (JSON.parse(answer.text) as { userCtx?: { name?: unknown } }).userCtx?.name ?? null;
    } catch {
      // Not CouchDB's JSON (a front proxy's page): reachable, but no session.
    }
    const valid = cookie !== null && answer.status === 200 && name === this.credentials.username;
    if (!valid) this.invalidate();
    return { rttMs: answer.rttMs, valid };
  }

  get hasSession(): boolean {
    return this.#cookie !== null;
  }

  /** A session cookie young enough to use; logs in (once, however many callers wait) when needed. */
  cookie(): Promise<string> {
    if (this.#cookie !== null && this.#now() - this.#since < this.#renewAfterMs) return Promise.resolve(this.#cookie);
    this.#pending ??= this.#login().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Central renews the cookie on its own in Set-Cookie of ordinary answers: keep the newest. */
  absorb(headers: IncomingHttpHeaders): void {
    const cookie = authSessionOf(headers);
    if (cookie === null) return;
    this.#cookie = cookie;
    this.#since = this.#now();
  }

  invalidate(): void {
    this.#cookie = null;
  }

  /** GET with the session; one fresh login and retry when central says 401. */
  async get(path: string, timeoutMs = this.#timeoutMs): Promise<CentralAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      const cookie = await this.cookie();
      const answer = await centralCall(this.target, { path, headers: { cookie: `AuthSession=${cookie}` }, timeoutMs });
      this.absorb(answer.headers);
      if (answer.status !== 401 || attempt > 0) return answer;
      this.invalidate();
    }
  }

  close(): void {
    this.invalidate();
    this.target.agent.destroy();
  }

  async #login(): Promise<string> {
    const body = JSON.stringify({ name: this.credentials.username, password: this.credentials.password });
    const answer = await centralCall(this.target, {
      method: 'POST',
      path: '/_session',
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs: this.#timeoutMs,
    });
    if (answer.status === 401)
      throw new CentralFailure('sync_wrong_password', 'central refused the station user name or password', 401);
    if (answer.status !== 200)
      throw new CentralFailure(failureCode(null, answer.status), `login answered ${answer.status}`, answer.status);
    const cookie = authSessionOf(answer.headers);
    if (cookie === null)
      throw new CentralFailure(
        'sync_server_error',
        'central accepted the login but sent no session cookie',
        answer.status,
      );
    this.#cookie = cookie;
    this.#since = this.#now();
    return cookie;
  }
}
