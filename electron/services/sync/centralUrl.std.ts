/**
 * May the station talk to central at this URL? https anywhere; plain http only to this machine (a test
 * central on loopback), since over GIN it would carry the station's password and patient records in clear.
 */
import { isLoopbackHost } from '../../bridge/loopback.std.js';

export function secureCentralUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}
