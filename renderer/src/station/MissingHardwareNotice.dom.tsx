/** One missing piece of hardware, in the current language, where the clerk or nurse would have used it. */
import { useTranslation } from 'react-i18next';
import { missingHardwareText, type MissingHardware } from './missingHardware.std.js';

export function MissingHardwareNotice({ missing }: { readonly missing: MissingHardware }) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const text = missingHardwareText[missing];
  return (
    <div
      className="notice notice-warn missing-hardware"
      role="status"
      data-testid="missing-hardware"
      data-missing={missing}
    >
      <strong>{text.title[lang]}</strong>
      <span>{text.detail[lang]}</span>
    </div>
  );
}
