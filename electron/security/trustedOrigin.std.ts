/**
 * Is a frame's URL the app's own page? Compared as parsed origins, never with startsWith (Electron's
 * security checklist: 'https://app.example.com.evil' starts with 'https://app.example.com').
 */
export function isTrustedUrl(url: string | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (url === null || url === undefined || url === '') return false;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  // Custom schemes give the opaque origin 'null'; compare scheme + host for those.
  if (origin === 'null') {
    const parsed = new URL(url);
    origin = `${parsed.protocol}//${parsed.host}`;
  }
  return trustedOrigins.includes(origin);
}
