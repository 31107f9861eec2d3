/** Manual entry of vital signs, checked field by field against plausible ranges before anything is saved. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VitalItem } from '../../../sync/model/observation.std.js';
import { MANUAL_FIELDS, parseManualEntry, type ManualField, type ManualForm, type ManualProblem } from './manualEntry.std.js';
import { chartedVital } from '../../../sync/model/vitals/vitalSigns.std.js';

export function ManualEntry({ disabled, onSave, withAssessment }: { readonly disabled: boolean; readonly onSave: (items: readonly VitalItem[]) => Promise<boolean>; readonly withAssessment: boolean }) {
  const { t } = useTranslation();
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
      if (await onSave(result.items)) {
        setForm({});
        setProblems([]);
      }
    } finally {
      setSaving(false);
    }
  }

  const fieldProblems = (field: ManualField | 'form'): readonly ManualProblem[] => problems.filter((problem) => problem.field === field);

  return (
    <form className="card manual" onSubmit={(event) => void submit(event)} data-testid="manual-entry" noValidate>
      <h3>{t('vitals.manualTitle')}</h3>
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
              {own.map((problem) => (
                <span key={problem.code} className="problem" role="alert" data-testid={`manual-problem-${field}`}>
                  {problemText(problem)}
                </span>
              ))}
            </label>
          );
        })}
      </div>
      <p className="muted" data-testid="manual-bmi">
        {t('vitals.code.39156-5')}: {preview.bmi === null ? '—' : `${preview.bmi.toFixed(1)} ${t('vitals.unit.39156-5')}`}
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
      {disabled && <p className="muted small">{t('vitals.noPatient')}</p>}
    </form>
  );
}
