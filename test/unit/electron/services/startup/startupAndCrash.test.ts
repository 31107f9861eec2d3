import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  startupFailureCause,
  startupFailureText,
} from '../../../../../electron/services/startup/startupFailure.std.js';
import { defaultCrashPolicy, onRendererCrash } from '../../../../../electron/main/rendererCrash.std.js';

function coded(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('startup failure text', () => {
  it('names the cause in words IT can act on, in Thai and English', () => {
    expect(
      startupFailureCause(
        coded('ERR_DLOPEN_FAILED', 'was compiled against a different Node.js version using NODE_MODULE_VERSION 115'),
      ),
    ).toBe('native_module');
    expect(startupFailureCause(new Error("Cannot find module '/app/out/native/better_sqlite3.node'"))).toBe(
      'native_module',
    );
    expect(startupFailureCause(coded('SQLITE_FULL'))).toBe('disk_full');
    expect(startupFailureCause(coded('ENOSPC'))).toBe('disk_full');
    expect(startupFailureCause(coded('EACCES'))).toBe('data_folder');
    expect(startupFailureCause(coded('EEXIST'))).toBe('data_folder');
    expect(startupFailureCause('a string')).toBe('unknown');
    const text = startupFailureText(coded('SQLITE_FULL', 'database or disk is full'), '/data/station');
    expect(text.title).toBe('เปิดโปรแกรมไม่สำเร็จ / Clinic Edge could not start');
    expect(text.body).toContain('พื้นที่ดิสก์เต็ม');
    expect(text.body).toContain('The disk is full');
    expect(text.body).toContain('/data/station');
    expect(text.body).toContain('database or disk is full');
  });
});

describe('renderer crash policy', () => {
  it('reloads unless this crash is the limit-th inside the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 8 }),
        fc.integer({ min: 600_000, max: 700_000 }),
        (earlier, now) => {
          const { crashes, reload } = onRendererCrash(earlier, now);
          const recent = earlier.filter((at) => now - at < defaultCrashPolicy.windowMs).length;
          expect(crashes.at(-1)).toBe(now);
          expect(crashes).toHaveLength(recent + 1);
          expect(reload).toBe(recent + 1 < defaultCrashPolicy.limit);
        },
      ),
    );
  });

  it('reloads again once earlier crashes are older than the window', () => {
    let state = onRendererCrash([], 0);
    state = onRendererCrash(state.crashes, 1_000);
    expect(onRendererCrash(state.crashes, 2_000).reload).toBe(false);
    expect(onRendererCrash(state.crashes, 61_001).reload).toBe(true);
  });
});
