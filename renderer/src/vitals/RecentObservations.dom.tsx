/**
 * The patient's recent observations, newest first. A wrong one is never edited: a correction writes a new
 * Observation and marks the old one entered-in-error (both kept, the old one struck through).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObservationDoc, VitalItem } from '../../../sync/model/observation.std.js';
import { SOURCE_TAG } from '../../../sync/model/systems.std.js';
import { MANUAL_FIELDS, parseManualEntry, type ManualForm, type ManualProblem } from './manualEntry.std.js';
import { valuesOf } from './recent.std.js';
import { assessmentOf, type News2Assessment } from '../../../sync/model/news2Assessment.std.js';
import { screeningOf, type Screening } from '../../../sync/model/screening.std.js';
import { VitalRows } from './VitalRows.dom.js';
import { dateTime } from './time.dom.js';

export type CorrectFn = (old: ObservationDoc, items: readonly VitalItem[]) => Promise<boolean>;

function sourceOf(observation: ObservationDoc): string {
  return observation.meta.tag?.find((tag) => tag.system === SOURCE_TAG)?.code ?? 'manual';
}

function Correction({
  observation,
  onCorrect,
  onClose,
}: {
  readonly observation: ObservationDoc;
  readonly onCorrect: CorrectFn;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const fields = MANUAL_FIELDS.filter((spec) => valuesOf(observation).some((value) => value.code === spec.code));
  const [form, setForm] = useState<ManualForm>(() =>
    Object.fromEntries(
      fields.map((spec) => [spec.field, String(valuesOf(observation).find((v) => v.code === spec.code)?.value ?? '')]),
    ),
  );
  const [problems, setProblems] = useState<readonly ManualProblem[]>([]);
  const [busy, setBusy] = useState(false);

  async function apply(items: readonly VitalItem[]): Promise<void> {
    setBusy(true);
    try {
      if (await onCorrect(observation, items)) onClose();
    } finally {
      setBusy(false);
    }
  }

  function save(): void {
    const result = parseManualEntry(form);
    setProblems(result.problems);
    if (result.problems.length === 0) void apply(result.items);
  }

  return (
    <div className="correction" data-testid="correction">
      {fields.map(({ field, code }) => (
        <label key={field}>
          {t(`vitals.field.${field}`)} <span className="unit">({t(`vitals.unit.${code}`)})</span>
          <input
            name={`correct-${field}`}
            inputMode="decimal"
            value={form[field] ?? ''}
            onChange={(event) => setForm({ ...form, [field]: event.target.value })}
          />
        </label>
      ))}
      {problems.map((problem) => (
        <p key={`${problem.field}-${problem.code}`} className="problem" role="alert">
          {t(`vitals.problem.${problem.code}`, { min: problem.min, max: problem.max, unit: problem.unit ?? '' })}
        </p>
      ))}
      <div className="reading-actions">
        {fields.length > 0 && (
          <button type="button" disabled={busy} onClick={save} data-testid="correction-save">
            {t('vitals.correctSave')}
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => void apply([])}
          data-testid="correction-error-only"
        >
          {t('vitals.enteredInError')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('vitals.keep')}
        </button>
      </div>
    </div>
  );
}

/** An ACVPU or air/oxygen Observation as words (it has no vital-sign value to show as a number). */
function AssessmentText({ assessment }: { readonly assessment: News2Assessment }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (assessment.consciousness !== undefined)
    parts.push(`${t('vitals.news2.param.consciousness')}: ${t(`vitals.news2.acvpu.${assessment.consciousness}`)}`);
  if (assessment.onOxygen === false) parts.push(t('vitals.news2.air'));
  if (assessment.onOxygen === true)
    parts.push(
      assessment.oxygenFlowLpm === undefined
        ? t('vitals.news2.oxygen')
        : `${t('vitals.news2.oxygen')} ${String(assessment.oxygenFlowLpm)} L/min`,
    );
  return <span data-testid="assessment">{parts.join(', ')}</span>;
}

/** A pain score or chief complaint in words. */
function ScreeningText({ screening }: { readonly screening: Screening }) {
  const { t } = useTranslation();
  const text =
    screening.painScore === undefined
      ? `${t('vitals.field.complaint')}: ${screening.chiefComplaint ?? ''}`
      : `${t('vitals.field.pain')}: ${String(screening.painScore)}`;
  return <span data-testid="screening-text">{text}</span>;
}

export function RecentObservations({
  observations,
  onCorrect,
}: {
  readonly observations: readonly ObservationDoc[];
  readonly onCorrect: CorrectFn;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="card wide" data-testid="recent-observations">
      <h3>{t('vitals.recentTitle')}</h3>
      {observations.length === 0 && <p className="muted">{t('vitals.recentEmpty')}</p>}
      <ul className="observations">
        {observations.map((observation) => {
          const wrong = observation.status === 'entered-in-error';
          const assessment = assessmentOf(observation);
          const screening = screeningOf(observation);
          return (
            <li
              key={observation.id}
              className={wrong ? 'observation wrong' : 'observation'}
              data-testid="observation-row"
              data-id={observation.id}
            >
              <span className="when">{dateTime(observation.effectiveDateTime, i18n.language)}</span>
              {assessment !== undefined ? (
                <AssessmentText assessment={assessment} />
              ) : screening !== undefined ? (
                <ScreeningText screening={screening} />
              ) : (
                <VitalRows values={valuesOf(observation)} />
              )}
              <span className="muted small">
                {t(`vitals.source.${sourceOf(observation)}`, { defaultValue: sourceOf(observation) })}
              </span>
              {wrong ? (
                <span className="pill pill-bad">{t('vitals.enteredInErrorLabel')}</span>
              ) : (
                open !== observation.id && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setOpen(observation.id)}
                    data-testid="observation-correct"
                  >
                    {t('vitals.correct')}
                  </button>
                )
              )}
              {open === observation.id && (
                <Correction observation={observation} onCorrect={onCorrect} onClose={() => setOpen(null)} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
