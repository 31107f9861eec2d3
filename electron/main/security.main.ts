/**
 * Electron's security checklist, applied to every window and session: no navigation, no new windows,
 * every permission request denied, no <webview>, a strict CSP on every response (the relaxed development
 * policy only on the Vite dev server's own responses, under `npm run dev`).
 */
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../security/csp.std.js';
import { isTrustedUrl } from '../security/trustedOrigin.std.js';

export interface SessionPolicy {
  /** Extra connect-src sources (the central proxy, the dev server's HMR socket). */
  readonly connect: readonly string[];
  /** The Vite dev server's origin under `npm run dev`; null in a packaged or built app. */
  readonly devOrigin: string | null;
}

export function hardenSession(session: Session, policy: SessionPolicy): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  const strict = contentSecurityPolicy({ connect: policy.connect });
  const development = contentSecurityPolicy({ connect: policy.connect, development: true });
  session.webRequest.onHeadersReceived((details, callback) => {
    const fromDevServer = policy.devOrigin !== null && isTrustedUrl(details.url, [policy.devOrigin]);
    // One policy per response: a second CSP header (any case) would be enforced too.
    const kept = Object.entries(details.responseHeaders ?? {}).filter(
      ([name]) => !/^(content-security-policy|x-content-type-options)$/i.test(name),
    );
    callback({
      responseHeaders: {
        ...Object.fromEntries(kept),
        'Content-Security-Policy': [fromDevServer ? development : strict],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

export function hardenContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, trustedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
