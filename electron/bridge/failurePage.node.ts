/**
 * Browser mode's answer to a failed start: instead of exiting with one console line, the bridge serves one
 * static bilingual page (no script) on the address it would have used, saying why the station could not start
 * and that nothing stored was lost, until it is stopped.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StartupFailureText } from '../services/startup/startupFailure.std.js';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function failurePageHtml(text: StartupFailureText): string {
  return [
    '<!doctype html>',
    '<html lang="th"><head><meta charset="utf-8"><title>Clinic Edge</title>',
    '<style>body{font-family:"Sarabun","Noto Sans Thai",sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1e293b;background:#f4f7fa}',
    'h1{font-size:1.6rem}pre{white-space:pre-wrap;font:inherit;line-height:1.6}</style></head>',
    `<body><h1>${escapeHtml(text.title)}</h1><pre>${escapeHtml(text.body)}</pre></body></html>`,
  ].join('');
}

export interface FailurePage {
  readonly url: string;
  close(): Promise<void>;
}

export async function startFailurePage(text: StartupFailureText, host: string, port: number): Promise<FailurePage> {
  const html = failurePageHtml(text);
  const server = createServer((_request, response) => {
    response.writeHead(503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    response.end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${String(address.port)}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
