/** Vitals: readings from bedside devices waiting for the nurse, and manual entry. */
import { useTranslation } from 'react-i18next';

export function Vitals() {
  const { t } = useTranslation();
  return (
    <section className="workspace" data-testid="workspace-vitals">
      <h2>{t('vitals.title')}</h2>
      <p className="hint">{t('vitals.none')}</p>
    </section>
  );
}
