/** Handlers of the settings feature: station setup, language, audit list, diagnostics. */
import type { Handlers } from '../dispatcher.node.js';
import type { SettingsService } from './settingsService.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Doctor } from '../doctor/doctor.node.js';
import type { StationMode } from '../../contract/settings.std.js';
import { modeAtSetup } from '../station/stationMode.std.js';

type SettingsHandlers = Pick<
  Handlers,
  'settings.get' | 'settings.setup' | 'settings.setLanguage' | 'audit.recent' | 'diagnostics.run'
>;

/**
 * `prepare`: what must exist before the page leaves setup (a demo station's training accounts: the page shows the
 * sign-in screen the moment setup is saved). `applyMode`: start what the station's mode needs (a station set up as
 * demo gets its virtual card and devices).
 */
export function settingsHandlers(
  settings: SettingsService,
  audit: AuditLog,
  doctor: Doctor,
  applyMode: () => Promise<void> = () => Promise.resolve(),
  prepare: (mode: StationMode) => Promise<void> = () => Promise.resolve(),
): SettingsHandlers {
  return {
    'settings.get': function getSettings() {
      return settings.get();
    },
    'settings.setup': async function setupStation(input) {
      const first = modeAtSetup(null, input.mode);
      if (!settings.get().configured && first !== 'changed') await prepare(first);
      const result = settings.setup(input);
      audit.append({ action: 'station.setup', detail: { hcode: input.hcode, mode: result.mode } });
      await applyMode();
      return result;
    },
    'settings.setLanguage': function setLanguage(input) {
      return settings.setLanguage(input.language);
    },
    'audit.recent': function recentAudit(input) {
      return audit.recent(input.limit);
    },
    'diagnostics.run': function runDiagnostics() {
      return doctor.run();
    },
  };
}
