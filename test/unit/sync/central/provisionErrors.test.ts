import { describe, expect, it } from 'vitest';
import { provisionErrorMessage, provisionErrorText } from '../../../../sync/central/provisionErrors.std.js';

describe('provisioning error catalogue', () => {
  it('has Thai and English for every code, with the same placeholders in both', () => {
    for (const [code, text] of Object.entries(provisionErrorText)) {
      const holes = (value: string): string[] =>
        [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
      expect(text.th, code).toMatch(/[\u0E00-\u0E7F]/);
      expect(holes(text.th), code).toEqual(holes(text.en));
    }
  });

  it('fills the details in, leaving unknown placeholders visible', () => {
    const text = provisionErrorMessage('provision_queue_prefix_taken', {
      prefix: 'OPD1',
      station: 'opd1',
      other: 'opd-1',
    });
    expect(text.en).toBe(
      'Queue prefix OPD1 of station "opd1" is already used by station "opd-1" of this hospital; the two could hand out the same queue numbers, so nothing was provisioned. Choose another station name.',
    );
    expect(text.th).toContain('OPD1');
    expect(provisionErrorMessage('provision_http_failed', { what: 'x' }).en).toContain('{status}');
  });
});
