/**
 * Registration by hand when the chip cannot be read: the citizen id is checked with its checksum before
 * anything is saved. Produces the same shape as a card read, so one save path serves both.
 */
import { parseTypedDate } from './thaiDates.std.js';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonDetails } from '../../../sync/model/personDetails.std.js';
import { isValidCid } from '../../../sync/model/cid.std.js';

export function ManualEntry({
  onSubmit,
  onCancel,
  busy,
}: {
  readonly onSubmit: (card: PersonDetails) => void;
  readonly onCancel: () => void;
  readonly busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [cid, setCid] = useState('');
  const [prefix, setPrefix] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState<'male' | 'female' | 'unknown'>('unknown');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!/^\d{13}$/.test(cid) || !isValidCid(cid)) return setProblem(t('frontdesk.manual.cidInvalid'));
    if (first.trim() === '' || last.trim() === '') return setProblem(t('frontdesk.manual.nameRequired'));
    const birth = birthDate === '' ? null : parseTypedDate(birthDate, lang, new Date());
    if (birth !== null && !birth.ok) return setProblem(t(`frontdesk.manual.birth.${birth.problem}`));
    setProblem(null);
    onSubmit({
      cid,
      thaiName: { prefix: prefix.trim(), first: first.trim(), middle: '', last: last.trim() },
      birthDate: birth === null ? null : birth.iso,
      sex,
    });
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="manual-entry">
      <h3>{t('frontdesk.manual.title')}</h3>
      <label>
        {t('frontdesk.cid')}
        <input
          name="cid"
          inputMode="numeric"
          maxLength={13}
          value={cid}
          onChange={(e) => setCid(e.target.value.replace(/\D/g, ''))}
          autoFocus
        />
      </label>
      <div className="row">
        <label className="narrow">
          {t('frontdesk.manual.prefix')}
          <input name="prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
        </label>
        <label>
          {t('frontdesk.manual.first')}
          <input name="first" value={first} onChange={(e) => setFirst(e.target.value)} />
        </label>
        <label>
          {t('frontdesk.manual.last')}
          <input name="last" value={last} onChange={(e) => setLast(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          {t('frontdesk.birthDate')}
          <input
            name="birthDate"
            placeholder={t('frontdesk.manual.birthPlaceholder')}
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value.trim())}
          />
        </label>
        <label>
          {t('frontdesk.sex')}
          <select name="sex" value={sex} onChange={(e) => setSex(e.target.value as typeof sex)}>
            <option value="unknown">{t('frontdesk.sexes.unknown')}</option>
            <option value="male">{t('frontdesk.sexes.male')}</option>
            <option value="female">{t('frontdesk.sexes.female')}</option>
          </select>
        </label>
      </div>
      {problem !== null && (
        <p className="problem" role="alert" data-testid="manual-problem">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="manual-save">
          {t('frontdesk.saveVisit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('frontdesk.manual.cancel')}
        </button>
      </div>
    </form>
  );
}
