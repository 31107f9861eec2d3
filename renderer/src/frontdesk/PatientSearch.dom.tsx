/**
 * A returning patient without their card: search by name (Thai or English, in part, any order), HN, CID or phone
 * (sync/store/patientSearch.dom.ts). Each hit shows name, age, HN and last visit in the clerk's language (พ.ศ. in
 * Thai); choosing one opens the same "returning patient → new visit" step a card read does. Bad input is said in
 * words beside the box.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { searchPatients, SEARCH_LIMIT } from '../../../sync/store/patientSearch.dom.js';
import { thLocalSystem } from '../../../sync/model/systems.std.js';
import type { ErrorCode } from '../../../electron/contract/errors.std.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { useRecords } from '../records/RecordsProvider.dom.js';
import { displayName } from './names.std.js';
import { ageText, displayDate } from './thaiDates.std.js';

interface Hit {
  readonly patient: PatientDoc;
  readonly lastVisit: EncounterDoc | null;
}

type View =
  | { readonly state: 'idle' }
  | { readonly state: 'searching' }
  | { readonly state: 'problem'; readonly code: ErrorCode }
  | { readonly state: 'failed' }
  | { readonly state: 'done'; readonly hits: readonly Hit[]; readonly more: boolean };

export function PatientSearch({
  hcode,
  onPick,
}: {
  readonly hcode: string;
  readonly onPick: (patient: PatientDoc, lastVisit: EncounterDoc | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const records = useRecords();
  const [text, setText] = useState('');
  const [view, setView] = useState<View>({ state: 'idle' });

  async function search(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (records === null) return;
    setView({ state: 'searching' });
    try {
      const result = await searchPatients(records, text, { hcode });
      if (!result.ok) return setView({ state: 'problem', code: result.problem });
      const hits = await Promise.all(
        result.patients.map(async (patient) => ({ patient, lastVisit: await records.lastVisitOf(patient.id) })),
      );
      setView({ state: 'done', hits, more: result.more });
    } catch {
      setView({ state: 'failed' });
    }
  }

  const hnSystem = thLocalSystem(hcode, 'HN');
  return (
    <form
      className="card patient-search"
      onSubmit={(event) => void search(event)}
      noValidate
      data-testid="patient-search"
    >
      <h3>{t('frontdesk.search.title')}</h3>
      <label>
        {t('frontdesk.search.label')}
        <div className="row">
          <input
            name="search"
            type="search"
            autoComplete="off"
            maxLength={80}
            value={text}
            placeholder={t('frontdesk.search.placeholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" disabled={records === null || view.state === 'searching'} data-testid="search-submit">
            {t('frontdesk.search.submit')}
          </button>
        </div>
      </label>
      {view.state === 'searching' && <p className="muted">{t('frontdesk.search.searching')}</p>}
      {view.state === 'problem' && (
        <p className="problem" role="alert" data-testid="search-problem">
          {errorMessage(view.code)}
        </p>
      )}
      {view.state === 'failed' && (
        <p className="problem" role="alert" data-testid="search-problem">
          {t('frontdesk.search.failed')}
        </p>
      )}
      {view.state === 'done' && view.hits.length === 0 && !view.more && (
        <p className="muted" data-testid="search-none">
          {t('frontdesk.search.none')}
        </p>
      )}
      {view.state === 'done' && view.hits.length === 0 && view.more && (
        <p className="muted" data-testid="search-too-many">
          {t('frontdesk.search.tooMany')}
        </p>
      )}
      {view.state === 'done' && view.hits.length > 0 && (
        <table className="queue search-results">
          <tbody>
            {view.hits.map(({ patient, lastVisit }) => {
              const age = patient.birthDate === undefined ? null : ageText(patient.birthDate, new Date(), lang);
              const hn = patient.identifier.find((id) => id.system === hnSystem)?.value;
              const last = lastVisit?.period?.start;
              return (
                <tr key={patient.id} data-testid="search-hit">
                  <td>
                    <strong>{displayName(patient, lang)}</strong>
                    {age !== null && <span className="muted"> · {t('frontdesk.age', { age })}</span>}
                    {hn !== undefined && (
                      <span className="muted">
                        {' '}
                        · {t('frontdesk.search.hn')} {hn}
                      </span>
                    )}
                    <br />
                    <span className="muted small" data-testid="search-hit-last-visit">
                      {last === undefined
                        ? t('frontdesk.search.noVisit')
                        : `${t('frontdesk.search.lastVisit')} ${displayDate(localDay(last), lang)}`}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => onPick(patient, lastVisit)}
                      data-testid="search-pick"
                    >
                      {t('frontdesk.search.pick')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {view.state === 'done' && view.hits.length > 0 && view.more && (
        <p className="muted small">{t('frontdesk.search.more', { count: SEARCH_LIMIT })}</p>
      )}
    </form>
  );
}

/** The station's local calendar day of an instant, as the ISO date displayDate reads. */
export function localDay(iso: string): string {
  const at = new Date(iso);
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}
