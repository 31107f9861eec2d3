/**
 * Serves the built renderer from `app://edge/` instead of file://, so the page has a real origin that
 * IPC sender checks can compare, and every response carries our CSP.
 */
import { net, protocol } from 'electron';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://edge';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== 'edge') return new Response('not found', { status: 404 });
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + sep) || url.pathname === '/') file = join(root, 'index.html');
    return net.fetch(pathToFileURL(file).toString());
  });
}
