import { describe, expect, it } from 'vitest';
import { configProblem, isPem, normaliseCentralUrl } from '../../../../../renderer/src/sync/configForm.std.js';
import { SyncConfigureInput } from '../../../../../electron/contract/sync.std.js';

const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUe3Jt\n-----END CERTIFICATE-----\n';
const draft = {
  centralUrl: 'https://central.moph.example:6984/',
  username: 'st-10953-a',
  password: 'secret-test-only',
  caBundlePem: null,
};

describe('the central connection form', () => {
  it('accepts an http(s) address with a user and password, and a PEM CA file', () => {
    expect(configProblem(draft)).toBeNull();
    expect(configProblem({ ...draft, caBundlePem: pem })).toBeNull();
  });

  it('names what is wrong before anything goes to main', () => {
    expect(configProblem({ ...draft, centralUrl: 'central.example' })).toBe('urlInvalid');
    expect(configProblem({ ...draft, centralUrl: 'ftp://central.example' })).toBe('urlInvalid');
    expect(configProblem({ ...draft, centralUrl: '' })).toBe('urlInvalid');
    expect(configProblem({ ...draft, username: '  ' })).toBe('required');
    expect(configProblem({ ...draft, password: '' })).toBe('required');
    expect(configProblem({ ...draft, caBundlePem: 'not a certificate' })).toBe('caNotPem');
    expect(isPem(pem)).toBe(true);
  });

  it('sends an address main’s contract accepts, without a trailing slash or typed-in credentials', () => {
    const url = normaliseCentralUrl(' https://admin:pw@central.example:6984/ ');
    expect(url).toBe('https://central.example:6984');
    expect(SyncConfigureInput.safeParse({ ...draft, centralUrl: url }).success).toBe(true);
  });
});
