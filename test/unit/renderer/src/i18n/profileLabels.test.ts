// Every device profile IT can pick has a Thai and an English name on the Vitals screens (never the raw profile id).
import { describe, expect, it } from 'vitest';
import th from '../../../../../renderer/src/i18n/th.json';
import en from '../../../../../renderer/src/i18n/en.json';
import { ProfileName } from '../../../../../electron/contract/devices.std.js';

describe('device profile names on screen', () => {
  it.each([
    ['th', th.vitals.profile],
    ['en', en.vitals.profile],
  ] as const)('%s names every profile', (_language, names) => {
    const labels: Readonly<Record<string, string>> = names;
    for (const profile of ProfileName.options) expect(labels[profile], profile).toMatch(/\S/);
  });
});
