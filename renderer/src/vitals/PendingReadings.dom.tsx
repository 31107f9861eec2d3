/** Readings from bedside devices waiting for the nurse: confirm (chart), discard, or give an unassigned one to this patient. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { VitalRows } from './VitalRows.dom.js';
import { chartableValues } from './chartReading.std.js';
import { timeOfDay } from './time.dom.js';

export interface ReadingActions {
  confirm(item: InboxItem): Promise<void>;
  discard(item: InboxItem): Promise<void>;
  assign(item: InboxItem): Promise<void>;
}

function ReadingCard({ item, actions, canAssign }: { readonly item: InboxItem; readonly actions: ReadingActions; readonly canAssign: boolean }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const values = item.reading?.values ?? [];
  const { skipped } = chartableValues(values);
  const unassigned = item.patientRef === null;

  async function run(action: (item: InboxItem) => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await action(item);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="reading" data-testid="pending-reading" data-id={item.id}>
      <div className="reading-head">
        <span className="device">{t(`vitals.profile.${item.profile}`, { defaultValue: item.profile })}</span>
        <span className="muted">{timeOfDay(item.receivedAt, i18n.language)}</span>
      </div>
      <VitalRows values={values} />
      {skipped.length > 0 && <p className="muted small">{t('vitals.skipped', { count: skipped.length })}</p>}
      <div className="reading-actions">
        {unassigned ? (
          <button type="button" disabled={busy || !canAssign} onClick={() => void run(actions.assign)} data-testid="reading-assign">
            {t('vitals.assignHere')}
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void run(actions.confirm)} data-testid="reading-confirm">
            {t('vitals.confirm')}
          </button>
        )}
        {askDiscard ? (
          <>
            <span className="muted">{t('vitals.discardAsk')}</span>
            <button type="button" className="danger" disabled={busy} onClick={() => void run(actions.discard)} data-testid="reading-discard-yes">
              {t('vitals.discardYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setAskDiscard(false)}>
              {t('vitals.keep')}
            </button>
          </>
        ) : (
          <button type="button" className="secondary" disabled={busy} onClick={() => setAskDiscard(true)} data-testid="reading-discard">
            {t('vitals.discard')}
          </button>
        )}
      </div>
    </li>
  );
}

export function PendingReadings({ forPatient, unassigned, actions, hasPatient }: {
  readonly forPatient: readonly InboxItem[];
  readonly unassigned: readonly InboxItem[];
  readonly actions: ReadingActions;
  readonly hasPatient: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="card wide" data-testid="pending-readings">
        <h3>
          {t('vitals.pendingTitle')} <span className="muted">({forPatient.length})</span>
        </h3>
        {forPatient.length === 0 && <p className="muted">{hasPatient ? t('vitals.none') : t('vitals.noPatientPending')}</p>}
        <ul className="readings">
          {forPatient.map((item) => (
            <ReadingCard key={item.id} item={item} actions={actions} canAssign={hasPatient} />
          ))}
        </ul>
      </div>
      {unassigned.length > 0 && (
        <div className="card wide unassigned" data-testid="unassigned-readings">
          <h3>
            {t('vitals.unassignedTitle')} <span className="muted">({unassigned.length})</span>
          </h3>
          <p className="muted small">{hasPatient ? t('vitals.unassignedHint') : t('vitals.unassignedPickFirst')}</p>
          <ul className="readings">
            {unassigned.map((item) => (
              <ReadingCard key={item.id} item={item} actions={actions} canAssign={hasPatient} />
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
