// Main runs a command only for the roles allowed it: IT's settings are refused to nurses and the front desk,
// patient data to IT, everything but the station's own machinery to nobody; first-run setup is open.
import { describe, expect, it } from 'vitest';
import { accessDenied, COMMAND_ACCESS } from '../../../../electron/contract/access.std.js';
import { commandNames } from '../../../../electron/contract/contract.std.js';

const on = (role: 'front_desk' | 'nurse' | 'it' | null, locked = false, configured = true, noAccounts = false) => ({
  role,
  locked,
  configured,
  noAccounts,
});

describe('command access', () => {
  it('names IT-only actions: station setup, sync configuration, device ports and listeners, staff management', () => {
    for (const name of [
      'settings.setup',
      'sync.configure',
      'sync.setHub',
      'sync.hub',
      'devices.configure',
      'devices.listener',
      'devices.setCodeMap',
      'staff.clearLockout',
      'staff.accounts',
      'audit.recent',
    ] as const) {
      expect(accessDenied(name, on('nurse'))).toBe('staff_forbidden');
      expect(accessDenied(name, on('front_desk'))).toBe('staff_forbidden');
      expect(accessDenied(name, on('it'))).toBeUndefined();
    }
  });

  it('keeps patient data from IT and from nobody', () => {
    for (const name of ['card.read', 'identity.patientId', 'devices.confirm', 'devices.pending'] as const) {
      expect(accessDenied(name, on('it'))).toBe('staff_forbidden');
      expect(accessDenied(name, on(null))).toBe('staff_not_signed_in');
      expect(accessDenied(name, on('nurse'))).toBeUndefined();
    }
  });

  it('a locked station runs nothing but the machinery and the sign-in commands', () => {
    for (const name of commandNames) {
      const denial = accessDenied(name, on('nurse', true));
      expect(denial === undefined).toBe(COMMAND_ACCESS[name] === 'anyone');
    }
  });

  it('first-run setup needs nobody; afterwards it is IT’s', () => {
    expect(accessDenied('settings.setup', on(null, false, false))).toBeUndefined();
    expect(accessDenied('settings.setup', on(null, false, true))).toBe('staff_not_signed_in');
  });

  it('a station that knows no staff account may still connect to central to fetch them, and nothing more', () => {
    expect(accessDenied('sync.configure', on(null, false, true, true))).toBeUndefined();
    expect(accessDenied('staff.refresh', on(null, false, true, true))).toBeUndefined();
    expect(accessDenied('devices.configure', on(null, false, true, true))).toBe('staff_not_signed_in');
    expect(accessDenied('card.read', on(null, false, true, true))).toBe('staff_not_signed_in');
    expect(accessDenied('sync.configure', on(null, false, true, false))).toBe('staff_not_signed_in');
  });

  it('anyone-commands change nothing clinical or of the station’s setup', () => {
    const open = commandNames.filter((name) => COMMAND_ACCESS[name] === 'anyone');
    for (const name of open)
      expect(name).toMatch(
        /^(settings\.(get|setLanguage)|staff\.(current|signIn|signInWithCard|unlock|activity|signOut)|sync\.(status|endpoint|report|now)|identity\.(keyInfo|recordMerges)|card\.readers|devices\.(list|binding))$/,
      );
  });
});
