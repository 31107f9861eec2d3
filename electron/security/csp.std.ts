/**
 * The renderer's Content-Security-Policy, the same in Electron and in the browser bridge. No remote
 * scripts, fonts or styles (the Thai font is bundled); connections only to the app itself and what the
 * transport needs (the bridge's WebSocket, the central proxy).
 */
export interface CspOptions {
  /** Extra connect-src sources (the bridge's ws:// origin). */
  readonly connect?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connect ?? [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
