// Which console errors the sync e2e lets pass: only failed requests a rule covers, by status and path.
import { describe, expect, it } from 'vitest';
import { unexpectedConsoleErrors, type ExpectedFailure } from '../../e2e/harness/consoleErrors.js';

const origin = 'http://127.0.0.1:41089';
const failed = (status: number, path: string) => ({
  text: `Failed to load resource: the server responded with a status of ${status} (X)`,
  url: `${origin}${path}`,
});
const rules: ExpectedFailure[] = [
  { status: 404, path: /^\/central\/clinic_\d{5}\/_local\//, why: 'checkpoint' },
  { status: 'network', path: /^\/central\//, why: 'cut' },
];

describe('unexpected console errors', () => {
  it('lets through only failed requests a rule covers', () => {
    const checkpoint = failed(404, '/central/clinic_10953/_local/abc%3D%3D');
    const dropped = {
      text: 'Failed to load resource: net::ERR_CONNECTION_RESET',
      url: `${origin}/central/clinic_10953/_changes?since=2`,
    };
    expect(unexpectedConsoleErrors([checkpoint, dropped], rules)).toEqual([]);
  });

  it('reports a 403 from the proxy, a 404 outside checkpoints, a failure elsewhere and any other console error', () => {
    const errors = [
      failed(403, '/central/'),
      failed(404, '/central/clinic_10953/Patient%2Fp1'),
      { text: 'Failed to load resource: net::ERR_FAILED', url: `${origin}/assets/index.js` },
      { text: 'Warning: Each child in a list should have a unique "key" prop.', url: `${origin}/assets/index.js` },
    ];
    expect(unexpectedConsoleErrors(errors, rules)).toEqual(errors);
  });
});
