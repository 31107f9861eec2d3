/**
 * Over GIN the station's password and patient records travel only over TLS: `sync.configure` refuses a plain
 * http:// central unless it runs on this machine (a test central on loopback), before any request is made.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secureCentralUrl } from '../../../../../electron/services/sync/centralUrl.std.js';
import { tempEdgeNode } from '../../../../factories/edgeNode.js';

describe('central URL', () => {
  it('https anywhere, http only on loopback', () => {
    for (const url of [
      'https://central.moph.example:6984',
      'https://10.0.0.5',
      'http://127.0.0.1:5984',
      'http://localhost:5984',
      'http://[::1]:5984',
      'http://127.8.9.10',
    ]) {
      expect(secureCentralUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://central.moph.example:5984',
      'http://10.0.0.5:5984',
      'http://192.168.1.20',
      'http://127.0.0.1.nip.io',
      'ftp://127.0.0.1',
      'not a url',
      'http://localhost.evil.example',
    ]) {
      expect(secureCentralUrl(url), url).toBe(false);
    }
    fc.assert(
      fc.property(fc.domain(), (host) => {
        expect(secureCentralUrl(`http://${host}:5984`)).toBe(host === 'localhost');
        expect(secureCentralUrl(`https://${host}:6984`)).toBe(true);
      }),
    );
  });

  it('sync.configure refuses http:// to another machine with a Thai and English reason, before any request', async () => {
    const node = await tempEdgeNode();
    try {
      expect(
        (
          await node.dispatch('settings.setup', {
            hcode: '10953',
            stationName: 'OPD 1',
            queuePrefix: 'A',
            mode: 'real',
          })
        ).ok,
      ).toBe(true);
      // A name that never resolves (.invalid): nothing could be sent there even if the check were missing.
      const result = await node.dispatch('sync.configure', {
        centralUrl: 'http://central.invalid:5984',
        username: 'st-10953-a',
        password: 'secret-test-only',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'sync_insecure_url' } });
    } finally {
      await node.dispose();
    }
  });
});
