/**
 * NEWS2 for the patient's latest set of charted vitals, with the two things only the nurse can tell
 * (consciousness, air or oxygen). Those are recorded as Observations and read back from the record: the
 * selects show what is stored until the nurse changes them, and the score uses the same. Incomplete sets
 * say what is missing and show no risk band.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObservationDoc } from '../../../sync/model/observation.std.js';
import { news2, NEWS2_PARAMETERS, type Consciousness } from './news2.std.js';
import { latestVitals, news2InputFrom } from './recent.std.js';
import { latestAssessment, OXYGEN_FLOW, type News2Assessment } from '../../../sync/model/news2Assessment.std.js';

const LEVELS: readonly Consciousness[] = ['alert', 'new_confusion', 'voice', 'pain', 'unresponsive'];
type Oxygen = '' | 'air' | 'oxygen';

export type SaveAssessment = (assessment: News2Assessment) => Promise<boolean>;

function oxygenOf(assessment: News2Assessment): Oxygen {
  if (assessment.onOxygen === undefined) return '';
  return assessment.onOxygen ? 'oxygen' : 'air';
}

/** The flow typed by the nurse: undefined when blank, NaN when not a number in range. */
function flowOf(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= OXYGEN_FLOW.min && value <= OXYGEN_FLOW.max ? value : Number.NaN;
}

interface News2PanelProps {
  readonly observations: readonly ObservationDoc[];
  readonly onSave: SaveAssessment;
  readonly canSave: boolean;
  /** The nurse's changed, valid assessment (null when unchanged): the manual form saves it with the vitals. */
  readonly onDraft: (assessment: News2Assessment | null) => void;
  /** Bumped when the manual form saved the draft: the selects then show what is stored. */
  readonly savedKey: number;
}

export function News2Panel({ observations, onSave, canSave, onDraft, savedKey }: News2PanelProps) {
  const { t } = useTranslation();
  const stored = latestAssessment(observations);
  // undefined = not changed by the nurse: show what is stored.
  const [draftLevel, setDraftLevel] = useState<Consciousness | '' | undefined>(undefined);
  const [draftOxygen, setDraftOxygen] = useState<Oxygen | undefined>(undefined);
  const [draftFlow, setDraftFlow] = useState<string | undefined>(undefined);
  const [scale2, setScale2] = useState(false);
  const [saving, setSaving] = useState(false);

  const consciousness = draftLevel ?? stored.consciousness ?? '';
  const oxygen = draftOxygen ?? oxygenOf(stored);
  const flowText = draftFlow ?? (stored.oxygenFlowLpm === undefined ? '' : String(stored.oxygenFlowLpm));
  const flow = oxygen === 'oxygen' ? flowOf(flowText) : undefined;
  const flowBad = flow !== undefined && Number.isNaN(flow);
  const changed = draftLevel !== undefined || draftOxygen !== undefined || draftFlow !== undefined;

  const result = news2(
    news2InputFrom(latestVitals(observations), {
      consciousness: consciousness === '' ? undefined : consciousness,
      onOxygen: oxygen === '' ? undefined : oxygen === 'oxygen',
      spo2Scale2: scale2,
    }),
  );
  const riskClass = result.risk === null ? 'incomplete' : result.risk;
  const hasDraft = changed && !flowBad && (consciousness !== '' || oxygen !== '');

  useEffect(() => {
    setDraftLevel(undefined);
    setDraftOxygen(undefined);
    setDraftFlow(undefined);
  }, [savedKey]);

  useEffect(() => {
    onDraft(
      hasDraft
        ? {
            consciousness: consciousness === '' ? undefined : consciousness,
            onOxygen: oxygen === '' ? undefined : oxygen === 'oxygen',
            oxygenFlowLpm: flow,
          }
        : null,
    );
  }, [hasDraft, consciousness, oxygen, flow, onDraft]);

  async function save(): Promise<void> {
    const assessment: News2Assessment = {
      consciousness: consciousness === '' ? undefined : consciousness,
      onOxygen: oxygen === '' ? undefined : oxygen === 'oxygen',
      oxygenFlowLpm: flow,
    };
    setSaving(true);
    try {
      if (await onSave(assessment)) {
        setDraftLevel(undefined);
        setDraftOxygen(undefined);
        setDraftFlow(undefined);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="card news2" data-testid="news2">
      <h3>NEWS2</h3>
      <div className={`news2-total risk-${riskClass}`} data-testid="news2-total">
        {/* An incomplete set shows no total: a partial 0 must not read as "well". */}
        <span className="score">{result.complete ? result.total : '—'}</span>
        <span>{result.risk === null ? t('vitals.news2.incomplete') : t(`vitals.news2.risk.${result.risk}`)}</span>
      </div>
      {!result.complete && result.missing.length < 7 && (
        <p className="small">{t('vitals.news2.partial', { total: result.total, count: result.missing.length })}</p>
      )}
      {result.risk !== null && <p className="small">{t(`vitals.news2.response.${result.risk}`)}</p>}
      <label>
        {t('vitals.news2.consciousness')}
        <select
          value={consciousness}
          onChange={(event) => setDraftLevel(event.target.value as Consciousness | '')}
          data-testid="news2-acvpu"
        >
          <option value="">{t('vitals.news2.notAssessed')}</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`vitals.news2.acvpu.${level}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('vitals.news2.airOrOxygen')}
        <select
          value={oxygen}
          onChange={(event) => setDraftOxygen(event.target.value as Oxygen)}
          data-testid="news2-oxygen"
        >
          <option value="">{t('vitals.news2.notAssessed')}</option>
          <option value="air">{t('vitals.news2.air')}</option>
          <option value="oxygen">{t('vitals.news2.oxygen')}</option>
        </select>
      </label>
      {oxygen === 'oxygen' && (
        <label className={flowBad ? 'has-problem' : undefined}>
          {t('vitals.news2.flow')}
          <input
            inputMode="decimal"
            value={flowText}
            onChange={(event) => setDraftFlow(event.target.value)}
            placeholder={`${String(OXYGEN_FLOW.min)}–${String(OXYGEN_FLOW.max)}`}
            data-testid="news2-flow"
          />
          {flowBad && (
            <span className="problem" role="alert">
              {t('vitals.news2.flowRange', { min: OXYGEN_FLOW.min, max: OXYGEN_FLOW.max })}
            </span>
          )}
        </label>
      )}
      <label className="inline">
        <input type="checkbox" checked={scale2} onChange={(event) => setScale2(event.target.checked)} />{' '}
        {t('vitals.news2.scale2')}
      </label>
      <button
        type="button"
        disabled={!canSave || !changed || flowBad || saving || (consciousness === '' && oxygen === '')}
        onClick={() => void save()}
        data-testid="news2-save"
      >
        {t('vitals.news2.save')}
      </button>
      {!changed && (stored.consciousness !== undefined || stored.onOxygen !== undefined) && (
        <p className="muted small" data-testid="news2-stored">
          {t('vitals.news2.stored')}
        </p>
      )}
      <table className="news2-parts">
        <tbody>
          {NEWS2_PARAMETERS.map((name) => {
            const score = result.scores[name];
            return (
              <tr key={name} className={score === undefined ? 'missing' : `score-${String(score)}`}>
                <td>{t(`vitals.news2.param.${name}`)}</td>
                <td className="num">{score ?? t('vitals.news2.missing')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">{t('vitals.news2.source')}</p>
    </div>
  );
}
