/** The right to care on the card (NHSO applet), shown with the card, in a clerk's words (rights.std.ts). */
import { useTranslation } from 'react-i18next';
import type { CardExtras } from '../../../electron/contract/card.std.js';
import { hasRights, rightWords, subRightWords } from './rights.std.js';
import { displayDate } from './thaiDates.std.js';

export function CardRights({ extras }: { readonly extras: CardExtras | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  if (extras === null) {
    return (
      <p className="muted" data-testid="card-rights-reading">
        {t('frontdesk.rights.reading')}
      </p>
    );
  }
  const rights = extras.nhso;
  if (!hasRights(rights)) {
    return (
      <p className="muted" data-testid="card-rights-absent">
        {t('frontdesk.rights.absent')}
      </p>
    );
  }
  const sub = subRightWords(rights.subInscl);
  return (
    <div className="card rights" data-testid="card-rights">
      <h3>{t('frontdesk.rights.title')}</h3>
      <dl className="fields">
        <dt>{t('frontdesk.rights.main')}</dt>
        <dd data-testid="card-rights-main">
          <strong>{rightWords(rights.mainInscl, lang)}</strong>
          {sub !== null && <span className="muted"> · {sub}</span>}
        </dd>
        <dt>{t('frontdesk.rights.mainHospital')}</dt>
        <dd>{rights.mainHospital.trim() === '' ? '—' : rights.mainHospital}</dd>
        <dt>{t('frontdesk.rights.subHospital')}</dt>
        <dd>{rights.subHospital.trim() === '' ? '—' : rights.subHospital}</dd>
        <dt>{t('frontdesk.rights.period')}</dt>
        <dd>
          {rights.issueDate === null ? '—' : displayDate(rights.issueDate, lang)} –{' '}
          {rights.expiryDate === null ? t('frontdesk.rights.noEnd') : displayDate(rights.expiryDate, lang)}
        </dd>
      </dl>
      <small className="muted">{t('frontdesk.rights.stale')}</small>
    </div>
  );
}
