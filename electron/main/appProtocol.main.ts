/**
 * Serves the built renderer from `app://edge/` instead of file://, so the page has a real origin that
 * IPC sender checks can compare. The handler builds each response itself, CSP header included, so the
 * policy does not depend on webRequest hooks firing for a custom scheme.
 */
import { protocol } from 'electron';
import { readRendererAsset, rendererHeaders } from '../services/renderer/rendererAssets.node.js';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://edge';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'edge') return new Response('not found', { status: 404 });
    const asset = await readRendererAsset(rendererDir, url.pathname);
    if (asset.status !== 200) return new Response(null, { status: asset.status });
    return new Response(new Uint8Array(asset.body), { status: 200, headers: rendererHeaders(asset.contentType, csp) });
  });
}
