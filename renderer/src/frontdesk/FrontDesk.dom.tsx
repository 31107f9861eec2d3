/** Front desk: card → patient → visit and queue number. The card flow arrives with the card reader work. */
import { useTranslation } from 'react-i18next';

export function FrontDesk() {
  const { t } = useTranslation();
  return (
    <section className="workspace" data-testid="workspace-frontdesk">
      <h2>{t('frontdesk.title')}</h2>
      <p className="hint">{t('frontdesk.waiting')}</p>
    </section>
  );
}
