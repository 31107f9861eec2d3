/** Provisioning's calls to a CouchDB as its admin (central or a hospital hub), and its refusals in Thai and English. */
import { basicAuth, requestJson, type HttpAnswer } from './centralHttp.node.js';
import { provisionErrorMessage, type ProvisionErrorCode } from './provisionErrors.std.js';
import type { Bilingual } from '../model/bilingual.std.js';

/** A refusal with a code and its Thai and English text; `message` holds both (Thai first, as the CLI prints it). */
export class ProvisionError extends Error {
  readonly code: ProvisionErrorCode;
  readonly text: Bilingual;
  constructor(code: ProvisionErrorCode, params: Readonly<Record<string, string>> = {}, detail = '') {
    const text = provisionErrorMessage(code, params);
    super(`${text.th}\n${text.en}${detail === '' ? '' : `\n${detail}`}`);
    this.name = 'ProvisionError';
    this.code = code;
    this.text = text;
  }
}

export function expectOk(answer: HttpAnswer, what: string, allowed: number[] = []): void {
  if ((answer.status >= 200 && answer.status < 300) || allowed.includes(answer.status)) return;
  throw new ProvisionError(
    'provision_http_failed',
    { what, status: String(answer.status) },
    JSON.stringify(answer.body).slice(0, 200),
  );
}

export type Call = (path: string, method?: string, body?: unknown) => Promise<HttpAnswer>;

/** PUT over whatever revision is there; a concurrent provisioning's write (409) is re-read and overwritten. */
export async function putLatest(call: Call, path: string, doc: object, what: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await call(path);
    const rev = existing.status === 200 ? (existing.body as { _rev?: string })._rev : undefined;
    const put = await call(path, 'PUT', { ...doc, ...(rev === undefined ? {} : { _rev: rev }) });
    if (put.status !== 409 || attempt >= 4) {
      expectOk(put, what);
      return;
    }
  }
}

/** pouchdb-server keeps `_security` as a revisioned document and answers 409 to a concurrent PUT (CouchDB 3 does not). */
export async function putSecurity(call: Call, name: string, security: object): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const put = await call(`/${name}/_security`, 'PUT', security);
    if (put.status !== 409 || attempt >= 4) {
      expectOk(put, `_security of ${name}`);
      return;
    }
  }
}

/** Calls central as its admin (credentials from the environment of the CLI, never stored). */
export function adminCall(url: string, adminUser: string, adminPassword: string): Call {
  const base = url.replace(/\/+$/, '');
  const auth = { Authorization: basicAuth(adminUser, adminPassword) };
  return (path, method = 'GET', body) => requestJson(`${base}${path}`, { method, body, headers: auth });
}
