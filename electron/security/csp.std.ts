/**
 * The renderer's Content-Security-Policy, the same in Electron and in the browser bridge. No remote
 * scripts, fonts or styles (the Thai font is bundled); connections only to the app itself and what the
 * transport needs (the bridge's WebSocket, the central proxy).
 */
export interface CspOptions {
  /** Extra connect-src sources (the bridge's ws:// origin, the central proxy, Vite's HMR socket). */
  readonly connect?: readonly string[];
  /**
   * `npm run dev` only: Vite's dev server injects an inline React refresh preamble and <style> tags, which
   * the production policy blocks (a blank window). Never set for app:// or the bridge.
   */
  readonly development?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connect ?? [])].join(' ');
  const inline = options.development === true ? " 'unsafe-inline'" : '';
  return [
    "default-src 'self'",
    `script-src 'self'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
