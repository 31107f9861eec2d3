// A stand-in for the NHSO Secure Smart Card Agent (the same paths, bodies and error shapes as
// electron/services/nhso/agentWire.std.ts cites), in plain Node http on 127.0.0.1, started by the tests.
// Modes: normal (answers at once), slow (answers after `slowMs`), failing (the NHSO refuses: 400 with the agent's
// error body, or 503 when `failStatus` says so), down (the port is closed; `setMode` to another mode opens it again
// on the same port).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAgentMode = 'normal' | 'slow' | 'failing' | 'down';

export interface FakeAgentCall {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown> | null;
}

export interface FakeNhsoAgent {
  readonly url: string;
  readonly port: number;
  readonly calls: FakeAgentCall[];
  mode(): FakeAgentMode;
  setMode(mode: FakeAgentMode, options?: { slowMs?: number; failStatus?: number }): Promise<void>;
  /** Codes issued so far, by pid (one per claim type and day, as the NHSO does). */
  issued(): readonly { pid: string; claimType: string; claimCode: string }[];
  close(): Promise<void>;
}

const CARD_PID = '1101700230705';

export async function startFakeNhsoAgent(
  options: { mode?: FakeAgentMode; slowMs?: number; port?: number } = {},
): Promise<FakeNhsoAgent> {
  let mode: FakeAgentMode = options.mode ?? 'normal';
  let slowMs = options.slowMs ?? 3_000;
  let failStatus = 400;
  let serial = 0;
  const calls: FakeAgentCall[] = [];
  const issued: { pid: string; claimType: string; claimCode: string; at: string }[] = [];
  let server: Server | null = null;
  let port = options.port ?? 0;

  function today(): string {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  function springError(res: ServerResponse, status: number, path: string, message: string): void {
    send(res, status, {
      timestamp: new Date().toISOString(),
      status,
      error: status === 400 ? 'Bad Request' : 'Service Unavailable',
      message,
      path,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    req.setEncoding('utf8');
    for await (const chunk of req) raw += String(chunk);
    const body = raw === '' ? null : (JSON.parse(raw) as Record<string, unknown>);
    const url = new URL(req.url ?? '/', 'http://agent');
    calls.push({ method: req.method ?? 'GET', path: url.pathname, body });
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (mode === 'failing')
      return springError(
        res,
        failStatus,
        url.pathname,
        failStatus === 400 ? 'mobile or claimType not valid' : 'NHSO service unreachable',
      );

    if (req.method === 'GET' && url.pathname === '/api/smartcard/read') {
      return send(res, 200, {
        pid: CARD_PID,
        titleName: 'นาย',
        fname: 'สมมติ',
        lname: 'ทดสอบดี',
        mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
        subInscl: '(89) ช่วงอายุ 12-59 ปี',
        hospMain: { hcode: '10953', hname: 'โรงพยาบาลทดสอบ' },
        hospSub: { hcode: '03761', hname: 'รพ.สต.ทดสอบ' },
        claimTypes: [{ claimType: 'PG0060001', claimTypeName: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' }],
        correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      });
    }
    if (req.method === 'POST' && url.pathname === '/api/nhso-service/confirm-save') {
      const pid = typeof body?.['pid'] === 'string' ? body['pid'] : '';
      const claimType = typeof body?.['claimType'] === 'string' ? body['claimType'] : '';
      const mobile = typeof body?.['mobile'] === 'string' ? body['mobile'] : '';
      if (!/^\d{13}$/.test(pid) || !/^0\d{9}$/.test(mobile) || claimType === '')
        return springError(res, 400, url.pathname, 'pid, mobile or claimType not valid');
      const day = today().slice(0, 10);
      if (issued.some((code) => code.pid === pid && code.claimType === claimType && code.at.startsWith(day))) {
        return springError(res, 400, url.pathname, 'already authenticated today');
      }
      serial += 1;
      const claimCode = `PP${String(1_000_000_000 + serial)}`;
      const at = today();
      issued.push({ pid, claimType, claimCode, at });
      return send(res, 200, {
        pid,
        claimType,
        correlationId: body?.['correlationId'] ?? null,
        createdDate: at,
        claimCode,
      });
    }
    const latest = /^\/api\/nhso-service\/latest-authen-code\/(\d{13})$/.exec(url.pathname);
    if (req.method === 'GET' && latest !== null) {
      const code = issued.filter((item) => item.pid === latest[1]).at(-1);
      if (code === undefined) return send(res, 200, {});
      return send(res, 200, {
        claimCode: code.claimCode,
        claimType: code.claimType,
        hcode: '10953',
        claimDateTime: code.at,
        checkDate: code.at,
      });
    }
    return springError(res, 404, url.pathname, 'not found');
  }

  async function open(): Promise<void> {
    const next = createServer((req, res) => {
      handle(req, res).catch(() => send(res, 500, { error: 'fake agent failed' }));
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  }

  async function shut(): Promise<void> {
    const current = server;
    server = null;
    if (current === null) return;
    current.closeAllConnections();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await open();
  if (mode === 'down') await shut();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    calls,
    mode: () => mode,
    async setMode(next, more = {}) {
      slowMs = more.slowMs ?? slowMs;
      failStatus = more.failStatus ?? 400;
      const was = mode;
      mode = next;
      if (next === 'down' && was !== 'down') await shut();
      if (next !== 'down' && server === null) await open();
    },
    issued: () => issued.map(({ pid, claimType, claimCode }) => ({ pid, claimType, claimCode })),
    close: shut,
  };
}
