/**
 * NEWS2 for the patient's latest set of charted vitals, with the two things only the nurse can tell
 * (consciousness, air or oxygen). Incomplete sets say what is missing and show no risk band.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObservationDoc } from '../../../sync/model/observation.std.js';
import { news2, NEWS2_PARAMETERS, type Consciousness } from './news2.std.js';
import { latestVitals, news2InputFrom } from './recent.std.js';

const LEVELS: readonly Consciousness[] = ['alert', 'new_confusion', 'voice', 'pain', 'unresponsive'];

export function News2Panel({ observations }: { readonly observations: readonly ObservationDoc[] }) {
  const { t } = useTranslation();
  const [consciousness, setConsciousness] = useState<Consciousness | ''>('');
  const [oxygen, setOxygen] = useState<'' | 'air' | 'oxygen'>('');
  const [scale2, setScale2] = useState(false);
  const latest = latestVitals(observations);
  const result = news2(
    news2InputFrom(latest, {
      consciousness: consciousness === '' ? undefined : consciousness,
      onOxygen: oxygen === '' ? undefined : oxygen === 'oxygen',
      spo2Scale2: scale2,
    }),
  );
  const riskClass = result.risk === null ? 'incomplete' : result.risk;

  return (
    <div className="card news2" data-testid="news2">
      <h3>NEWS2</h3>
      <div className={`news2-total risk-${riskClass}`} data-testid="news2-total">
        {/* An incomplete set shows no total: a partial 0 must not read as "well". */}
        <span className="score">{result.complete ? result.total : '—'}</span>
        <span>{result.risk === null ? t('vitals.news2.incomplete') : t(`vitals.news2.risk.${result.risk}`)}</span>
      </div>
      {!result.complete && result.missing.length < 7 && <p className="small">{t('vitals.news2.partial', { total: result.total, count: result.missing.length })}</p>}
      {result.risk !== null && <p className="small">{t(`vitals.news2.response.${result.risk}`)}</p>}
      <label>
        {t('vitals.news2.consciousness')}
        <select value={consciousness} onChange={(event) => setConsciousness(event.target.value as Consciousness | '')} data-testid="news2-acvpu">
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
        <select value={oxygen} onChange={(event) => setOxygen(event.target.value as '' | 'air' | 'oxygen')} data-testid="news2-oxygen">
          <option value="">{t('vitals.news2.notAssessed')}</option>
          <option value="air">{t('vitals.news2.air')}</option>
          <option value="oxygen">{t('vitals.news2.oxygen')}</option>
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={scale2} onChange={(event) => setScale2(event.target.checked)} /> {t('vitals.news2.scale2')}
      </label>
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
