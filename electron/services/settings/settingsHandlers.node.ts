/** Handlers of the settings feature: station setup, language, audit list, diagnostics. */
import type { Handlers } from '../dispatcher.node.js';
import type { SettingsService } from './settingsService.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Doctor } from '../doctor/doctor.node.js';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.setup' | 'settings.setLanguage' | 'audit.recent' | 'diagnostics.run'>;

/** `applyMode`: start what the station's mode needs (a station set up as demo gets its virtual card and devices). */
export function settingsHandlers(settings: SettingsService, audit: AuditLog, doctor: Doctor, applyMode: () => Promise<void> = () => Promise.resolve()): SettingsHandlers {
  return {
    'settings.get': function getSettings() {
      return settings.get();
    },
    'settings.setup': async function setupStation(input) {
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
