/** Switches the UI between Thai and English; the choice is a station setting (the header and first-run setup). */
import { useTranslation } from 'react-i18next';
import type { Language, StationSettings } from '../../../electron/contract/settings.std.js';
import { invoke } from '../bridge/client.dom.js';

export function LanguageToggle({
  language,
  onSettings,
}: {
  readonly language: Language;
  readonly onSettings: (settings: StationSettings) => void;
}) {
  const { t } = useTranslation();
  async function toggle(): Promise<void> {
    const result = await invoke('settings.setLanguage', { language: language === 'th' ? 'en' : 'th' });
    if (result.ok) onSettings(result.value);
  }
  return (
    <button type="button" className="lang" onClick={() => void toggle()} data-testid="language-toggle">
      {t('header.language')}
    </button>
  );
}
