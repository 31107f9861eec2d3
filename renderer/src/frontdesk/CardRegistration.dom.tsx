/** The card that is in the reader: what the chip says, the photo as it arrives, and whether we know the patient. */
import { ageText, displayDate } from './thaiDates.std.js';
import { knownPatient } from '../../../sync/store/identityMerge.dom.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardText } from '../../../electron/contract/card.std.js';
import { cardWarningText } from '../../../electron/contract/card.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { useRecords } from '../records/RecordsProvider.dom.js';
import { patientIdFor } from '../records/identity.dom.js';
import type { PhotoState } from './cardSession.std.js';

interface Known {
  readonly patient: PatientDoc | null;
  readonly lastVisit: EncounterDoc | null;
}

export function CardRegistration({ card, photo }: { readonly card: CardText; readonly photo: PhotoState }) {
  const { t, i18n } = useTranslation();
  const records = useRecords();
  const [known, setKnown] = useState<Known | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'th';

  useEffect(() => {
    if (records === null) return;
    let live = true;
    setKnown(null);
    void (async () => {
      const patientId = await patientIdFor(card.cid);
      const patient = await knownPatient(records, card.cid, patientId);
      const lastVisit = patient === null ? null : await records.lastVisitOf(patient.id);
      if (live) setKnown({ patient, lastVisit });
    })().catch(() => {
      if (live) setKnown({ patient: null, lastVisit: null });
    });
    return () => {
      live = false;
    };
  }, [records, card.cid]);

  const name = (n: CardText['thaiName']) =>
    [n.prefix, n.first, n.middle, n.last].filter((part) => part !== '').join(' ');
  const address = card.address.full;
  const locale = lang === 'th' ? 'th-TH' : 'en-GB';

  return (
    <div className="card registration" data-testid="card-registration">
      <div className="photo-box" data-testid="card-photo">
        {photo.base64 !== null ? (
          <img alt={t('frontdesk.photo')} src={`data:image/jpeg;base64,${photo.base64}`} />
        ) : (
          <span className="muted">
            {photo.state === 'skipped'
              ? t('frontdesk.photoKnown')
              : photo.total > 0
                ? `${t('frontdesk.photoLoading')} ${Math.round((100 * photo.received) / photo.total)}%`
                : t('frontdesk.photoLoading')}
          </span>
        )}
      </div>
      <dl className="card-fields">
        <dt>{t('frontdesk.cid')}</dt>
        <dd className="mono" data-testid="card-cid">
          {card.cid.replace(/^(\d)(\d{4})(\d{5})(\d{2})(\d)$/, '$1-$2-$3-$4-$5')}
        </dd>
        <dt>{t('frontdesk.thaiName')}</dt>
        <dd data-testid="card-thai-name">{name(card.thaiName)}</dd>
        <dt>{t('frontdesk.englishName')}</dt>
        <dd>{name(card.englishName)}</dd>
        <dt>{t('frontdesk.birthDate')}</dt>
        <dd data-testid="card-birth-date">
          {card.birthDate === null ? '—' : displayDate(card.birthDate, lang)}
          {card.birthDate !== null && ageText(card.birthDate, new Date(), lang) !== null && (
            <span className="muted" data-testid="card-age">
              {' '}
              ({t('frontdesk.age', { age: ageText(card.birthDate, new Date(), lang) })})
            </span>
          )}
        </dd>
        <dt>{t('frontdesk.sex')}</dt>
        <dd>{t(`frontdesk.sexes.${card.sex}`)}</dd>
        <dt>{t('frontdesk.address')}</dt>
        <dd>{address}</dd>
        <dt>{t('frontdesk.expiry')}</dt>
        <dd data-testid="card-expiry">
          {card.expiryDate === null ? t('frontdesk.lifelong') : displayDate(card.expiryDate, lang)}
        </dd>
      </dl>
      {card.warnings.length > 0 && (
        <ul className="warnings" data-testid="card-warnings">
          {card.warnings.map((warning) => (
            <li key={warning}>{cardWarningText[warning][lang]}</li>
          ))}
        </ul>
      )}
      <p className="known" data-testid="patient-known">
        {known === null
          ? t('frontdesk.lookingUp')
          : known.patient === null
            ? t('frontdesk.newPatient')
            : known.lastVisit?.period?.start !== undefined
              ? t('frontdesk.returning', { date: new Date(known.lastVisit.period.start).toLocaleDateString(locale) })
              : t('frontdesk.returningNoVisit')}
      </p>
    </div>
  );
}
