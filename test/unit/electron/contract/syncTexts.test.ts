import { describe, expect, it } from 'vitest';
import th from '../../../../renderer/src/i18n/th.json';
import en from '../../../../renderer/src/i18n/en.json';
import { SyncState } from '../../../../electron/contract/sync.std.js';
import { syncErrorCodes } from '../../../../sync/replication/syncErrors.std.js';
import type { ManualReason } from '../../../../sync/replication/conflictRules.std.js';

const manualReasons: Record<ManualReason, true> = {
  observation_changed: true,
  unsupported_type: true,
  mixed_types: true,
  audit_event: true,
  photo_changed: true,
  invalid_merge: true,
};

describe('sync dashboard texts', () => {
  it.each([
    ['th', th.sync],
    ['en', en.sync],
  ] as const)('%s names every state, every error and every unsettled-conflict reason', (_language, texts) => {
    for (const state of SyncState.options) expect(texts.state[state]).toMatch(/\S/);
    for (const code of syncErrorCodes) expect(texts.problem[code]).toMatch(/\S/);
    for (const reason of Object.keys(manualReasons) as ManualReason[])
      expect(texts.conflictReason[reason]).toMatch(/\S/);
  });

  it('Thai and English have the same keys', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`))
        : [prefix];
    expect(keys(th.sync).sort()).toEqual(keys(en.sync).sort());
  });
});
