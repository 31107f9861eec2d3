/**
 * The screening form: vital signs, weight/height (BMI), pain score and chief complaint, checked field by field
 * against plausible ranges before anything is saved, with each field's value from the patient's previous visit
 * beside it. Consciousness and air/oxygen chosen in the NEWS2 panel go into the same save.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VitalItem } from '../../../sync/model/observation.std.js';
import type { Screening } from '../../../sync/model/screening.std.js';
import {
  MANUAL_FIELDS,
  parseManualEntry,
  type ManualField,
  type ManualForm,
  type ManualProblem,
  type ScreeningField,
} from './manualEntry.std.js';
import { chartedVital } from '../../../sync/model/vitals/vitalSigns.std.js';
import { visitDate, type PreviousValue } from './visitHistory.std.js';

export interface ManualEntryProps {
  readonly disabled: boolean;
  /** Why saving is off when a patient is selected (another station holds the visit); else "no patient". */
  readonly heldBecause?: string | undefined;
  readonly onSave: (items: readonly VitalItem[], screening: Screening) => Promise<boolean>;
  readonly withAssessment: boolean;
  /** Per LOINC code ('pain' for the pain score), the value from before this visit. */
  readonly previous?: ReadonlyMap<string, PreviousValue>;
}

export function ManualEntry({ disabled, heldBecause, onSave, withAssessment, previous = new Map() }: ManualEntryProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [form, setForm] = useState<ManualForm>({});
  const [problems, setProblems] = useState<readonly ManualProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const preview = parseManualEntry(form);

  function problemText(problem: ManualProblem): string {
    return t(`vitals.problem.${problem.code}`, { min: problem.min, max: problem.max, unit: problem.unit ?? '' });
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = parseManualEntry(form);
    setProblems(result.problems);
    if (result.problems.length > 0) return;
    setSaving(true);
    try {
      if (await onSave(result.items, result.screening)) {
        setForm({});
        setProblems([]);
      }
    } finally {
      setSaving(false);
    }
  }

  const fieldProblems = (field: ManualField | ScreeningField | 'form'): readonly ManualProblem[] =>
    problems.filter((problem) => problem.field === field);

  function previousOf(code: string) {
    const found = previous.get(code);
    if (found === undefined) return null;
    return (
      <span className="previous" data-testid={`previous-${code}`}>
        {t('vitals.previous', { value: found.value, date: visitDate(found.at, lang) })}
      </span>
    );
  }

  function problemList(field: ManualField | ScreeningField) {
    return fieldProblems(field).map((problem) => (
      <span key={problem.code} className="problem" role="alert" data-testid={`manual-problem-${field}`}>
        {problemText(problem)}
      </span>
    ));
  }

  return (
    <form className="card manual" onSubmit={(event) => void submit(event)} data-testid="manual-entry" noValidate>
      <h3>{t('vitals.screeningTitle')}</h3>
      <label className={fieldProblems('complaint').length > 0 ? 'complaint has-problem' : 'complaint'}>
        <span>{t('vitals.field.complaint')}</span>
        <textarea
          name="complaint"
          rows={2}
          value={form.complaint ?? ''}
          onChange={(event) => setForm({ ...form, complaint: event.target.value })}
        />
        {problemList('complaint')}
      </label>
      <div className="manual-grid">
        {MANUAL_FIELDS.map(({ field, code }) => {
          const spec = chartedVital(code);
          const own = fieldProblems(field);
          return (
            <label key={field} className={own.length > 0 ? 'has-problem' : undefined}>
              <span>
                {t(`vitals.field.${field}`)} <span className="unit">({t(`vitals.unit.${code}`)})</span>
              </span>
              <input
                name={field}
                inputMode="decimal"
                autoComplete="off"
                value={form[field] ?? ''}
                placeholder={spec === undefined ? '' : `${String(spec.min)}–${String(spec.max)}`}
                aria-invalid={own.length > 0}
                onChange={(event) => setForm({ ...form, [field]: event.target.value })}
              />
              {previousOf(code)}
              {problemList(field)}
            </label>
          );
        })}
        <label className={fieldProblems('pain').length > 0 ? 'has-problem' : undefined}>
          <span>{t('vitals.field.pain')}</span>
          <input
            name="pain"
            inputMode="numeric"
            autoComplete="off"
            value={form.pain ?? ''}
            placeholder="0–10"
            aria-invalid={fieldProblems('pain').length > 0}
            onChange={(event) => setForm({ ...form, pain: event.target.value })}
          />
          {previousOf('pain')}
          {problemList('pain')}
        </label>
      </div>
      <p className="muted" data-testid="manual-bmi">
        {t('vitals.code.39156-5')}:{' '}
        {preview.bmi === null ? '—' : `${preview.bmi.toFixed(1)} ${t('vitals.unit.39156-5')}`}
      </p>
      {fieldProblems('form').map((problem) => (
        <p key={problem.code} className="problem" role="alert">
          {problemText(problem)}
        </p>
      ))}
      <button type="submit" disabled={disabled || saving} data-testid="manual-save">
        {t('vitals.saveManual')}
      </button>
      {withAssessment && (
        <p className="muted small" data-testid="manual-with-assessment">
          {t('vitals.withAssessment')}
        </p>
      )}
      {disabled && <p className="muted small">{heldBecause ?? t('vitals.noPatient')}</p>}
    </form>
  );
}
