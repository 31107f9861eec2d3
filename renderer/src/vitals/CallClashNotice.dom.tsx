/**
 * Another station holds the visit this nurse has on screen (both called it offline and that station's call came
 * first, or it was called there while she was picking it). Charting waits until she says whether the patient is
 * in front of her: "here" calls the visit to this station again (that station is told in turn), "not here" lets
 * it go. Never a silent switch to someone else.
 */
import { useTranslation } from 'react-i18next';
import type { CallClash } from '../../../sync/model/queueCall.std.js';
import { timeOfDay } from './time.dom.js';

export interface CallClashNoticeProps {
  readonly clash: CallClash;
  readonly number: string;
  readonly name: string;
  readonly busy: boolean;
  readonly onHere: () => void;
  readonly onNotHere: () => void;
}

export function CallClashNotice({ clash, number, name, busy, onHere, onNotHere }: CallClashNoticeProps) {
  const { t, i18n } = useTranslation();
  const time = clash.at === undefined ? '' : timeOfDay(clash.at, i18n.language);
  const values = { number, name, station: clash.by.name, time, stage: t(`queue.stage.${clash.stage}`) };
  const called = clash.stage === 'called';
  return (
    <div className="card wide notice notice-bad call-clash" role="alert" data-testid="vitals-call-clash">
      <p>
        <strong>{t(called ? 'vitals.clash.calledElsewhere' : 'vitals.clash.movedElsewhere', values)}</strong>
      </p>
      <p>{t('vitals.clash.check', values)}</p>
      <div className="patient-actions">
        <button type="button" disabled={busy} onClick={onHere} data-testid="vitals-clash-here">
          {t(called ? 'vitals.clash.callHere' : 'vitals.clash.chartHere', values)}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={onNotHere}
          data-testid="vitals-clash-not-here"
        >
          {t('vitals.clash.notHere', values)}
        </button>
      </div>
    </div>
  );
}
