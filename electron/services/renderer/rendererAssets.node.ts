/**
 * The built renderer's files, as both transports serve them: Electron's `app://edge` handler and the
 * browser bridge's static server. One path check (nothing outside the folder), one MIME table, one set of
 * response headers with the app's CSP on the response itself.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export function mimeTypeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererAsset =
  | { readonly status: 200; readonly body: Buffer; readonly contentType: string }
  | { readonly status: 403 | 404 };

/** A URL path (still percent-encoded) to a file of the renderer; unknown paths get index.html (one-page app). */
export async function readRendererAsset(rendererDir: string, urlPath: string): Promise<RendererAsset> {
  const base = resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 404 };
  }
  let file = normalize(join(base, decoded));
  if (file !== base && !file.startsWith(base + sep)) return { status: 403 };
  const info = await stat(file).catch(() => null);
  if (info === null || info.isDirectory()) file = join(base, 'index.html');
  const body = await readFile(file).catch(() => null);
  if (body === null) return { status: 404 };
  return { status: 200, body, contentType: mimeTypeOf(file) };
}

export function rendererHeaders(contentType: string, csp: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
