// Failures of main's calls to central → the catalogued sync error codes; the AuthSession cookie is read from Set-Cookie.
import { describe, expect, it } from 'vitest';
import { CentralFailure, failureCode } from '../../../../../electron/services/sync/centralRequest.node.js';
import { authSessionOf } from '../../../../../electron/services/sync/centralSession.node.js';

function nodeError(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('failure classification', () => {
  it('HTTP statuses', () => {
    expect(failureCode(null, 401)).toBe('sync_wrong_password');
    expect(failureCode(null, 403)).toBe('sync_forbidden');
    expect(failureCode(null, 500)).toBe('sync_server_error');
    expect(failureCode(null, 503)).toBe('sync_server_down');
    expect(failureCode(null, 502)).toBe('sync_server_down');
  });

  it('network and TLS errors from node:http/https', () => {
    expect(failureCode(nodeError('ENOTFOUND'))).toBe('sync_offline');
    expect(failureCode(nodeError('EHOSTUNREACH'))).toBe('sync_offline');
    expect(failureCode(nodeError('ENETUNREACH'))).toBe('sync_offline');
    // Something answered at that address but refused or dropped us: the server, not the network.
    expect(failureCode(nodeError('ECONNREFUSED'))).toBe('sync_server_down');
    expect(failureCode(nodeError('ECONNRESET'))).toBe('sync_server_down');
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ]) {
      expect(failureCode(nodeError(code)), code).toBe('sync_certificate');
    }
    expect(failureCode(new CentralFailure('sync_timeout', 'slow'))).toBe('sync_timeout');
    expect(failureCode('weird')).toBe('sync_offline');
  });

  it('reads AuthSession from Set-Cookie and nothing else', () => {
    expect(authSessionOf({ 'set-cookie': ['AuthSession=c3QtMTA2NzA6NjU; Version=1; Path=/; HttpOnly'] })).toBe(
      'c3QtMTA2NzA6NjU',
    );
    expect(authSessionOf({ 'set-cookie': ['Other=1; Path=/', 'AuthSession=abc; Path=/'] })).toBe('abc');
    expect(authSessionOf({ 'set-cookie': ['AuthSession=; Path=/; Max-Age=0'] })).toBeNull();
    expect(authSessionOf({})).toBeNull();
  });
});
