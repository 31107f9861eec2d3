/** The returning patient a search found (no card read): who they are, as the card path shows a known patient. */
import { useTranslation } from 'react-i18next';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { thLocalSystem } from '../../../sync/model/systems.std.js';
import { displayName } from './names.std.js';
import { ageText, displayDate } from './thaiDates.std.js';
import { localDay } from './PatientSearch.dom.js';

export function FoundPatient({
  patient,
  lastVisit,
  hcode,
}: {
  readonly patient: PatientDoc;
  readonly lastVisit: EncounterDoc | null;
  readonly hcode: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const other = lang === 'th' ? 'en' : 'th';
  const hn = patient.identifier.find((id) => id.system === thLocalSystem(hcode, 'HN'))?.value;
  const age = patient.birthDate === undefined ? null : ageText(patient.birthDate, new Date(), lang);
  const last = lastVisit?.period?.start;
  return (
    <div className="card found-patient" data-testid="found-patient">
      <h3>{t('frontdesk.search.found')}</h3>
      <dl className="card-fields">
        <dt>{t(lang === 'th' ? 'frontdesk.thaiName' : 'frontdesk.englishName')}</dt>
        <dd data-testid="found-name">{displayName(patient, lang)}</dd>
        {displayName(patient, other) !== displayName(patient, lang) && (
          <>
            <dt>{t(other === 'th' ? 'frontdesk.thaiName' : 'frontdesk.englishName')}</dt>
            <dd>{displayName(patient, other)}</dd>
          </>
        )}
        <dt>{t('frontdesk.birthDate')}</dt>
        <dd>
          {patient.birthDate === undefined ? '—' : displayDate(patient.birthDate, lang)}
          {age !== null && <span className="muted"> ({t('frontdesk.age', { age })})</span>}
        </dd>
        {hn !== undefined && (
          <>
            <dt>{t('frontdesk.search.hn')}</dt>
            <dd className="mono">{hn}</dd>
          </>
        )}
      </dl>
      <p className="known" data-testid="patient-known">
        {last === undefined
          ? t('frontdesk.returningNoVisit')
          : t('frontdesk.returning', { date: displayDate(localDay(last), lang) })}
      </p>
    </div>
  );
}
