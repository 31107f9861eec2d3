/**
 * Readings from bedside devices waiting for the nurse. Those for the patient being measured: confirm
 * (chart) or discard. Everything else (unassigned, or measured while another patient was bound): give it
 * to this patient, or discard it. A discard always says why.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { VitalRows } from './VitalRows.dom.js';
import { chartableValues } from './chartReading.std.js';
import { DISCARD_REASONS, discardReasonText, type DiscardReasonCode } from './pending.std.js';
import { timeOfDay } from './time.dom.js';

export interface ReadingActions {
  confirm(item: InboxItem): Promise<void>;
  discard(item: InboxItem, reason: string): Promise<void>;
  assign(item: InboxItem): Promise<void>;
}

function DiscardForm({ busy, onDiscard, onCancel }: { readonly busy: boolean; readonly onDiscard: (reason: string) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<DiscardReasonCode | ''>('');
  const [words, setWords] = useState('');
  const reason = discardReasonText(code, words);
  return (
    <div className="discard-form" data-testid="discard-form">
      <label>
        {t('vitals.discardWhy')}
        <select value={code} onChange={(event) => setCode(event.target.value as DiscardReasonCode | '')} data-testid="discard-reason">
          <option value="">{t('vitals.discardPick')}</option>
          {DISCARD_REASONS.map((option) => (
            <option key={option} value={option}>
              {t(`vitals.discardReason.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {code === 'other' && <input value={words} maxLength={180} onChange={(event) => setWords(event.target.value)} placeholder={t('vitals.discardWords')} data-testid="discard-words" />}
      <button type="button" className="danger" disabled={busy || reason === null} onClick={() => reason !== null && onDiscard(reason)} data-testid="reading-discard-yes">
        {t('vitals.discardYes')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('vitals.keep')}
      </button>
    </div>
  );
}

function ReadingCard({ item, actions, ownPatient, canAssign }: { readonly item: InboxItem; readonly actions: ReadingActions; readonly ownPatient: boolean; readonly canAssign: boolean }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const values = item.reading?.values ?? [];
  const { skipped } = chartableValues(values);

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await action();
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
      {!ownPatient && (
        <p className="small muted" data-testid="reading-whose">
          {item.patientRef === null ? t('vitals.whoseNone') : t('vitals.whoseOther')}
        </p>
      )}
      <VitalRows values={values} />
      {skipped.length > 0 && <p className="muted small">{t('vitals.skipped', { count: skipped.length })}</p>}
      {askDiscard ? (
        <DiscardForm busy={busy} onDiscard={(reason) => void run(() => actions.discard(item, reason))} onCancel={() => setAskDiscard(false)} />
      ) : (
        <div className="reading-actions">
          {ownPatient ? (
            <button type="button" disabled={busy} onClick={() => void run(() => actions.confirm(item))} data-testid="reading-confirm">
              {t('vitals.confirm')}
            </button>
          ) : (
            <button type="button" disabled={busy || !canAssign} onClick={() => void run(() => actions.assign(item))} data-testid="reading-assign">
              {t('vitals.assignHere')}
            </button>
          )}
          <button type="button" className="secondary" disabled={busy} onClick={() => setAskDiscard(true)} data-testid="reading-discard">
            {t('vitals.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

export function PendingReadings({ forPatient, others, actions, hasPatient }: {
  readonly forPatient: readonly InboxItem[];
  readonly others: readonly InboxItem[];
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
            <ReadingCard key={item.id} item={item} actions={actions} ownPatient canAssign={hasPatient} />
          ))}
        </ul>
      </div>
      {others.length > 0 && (
        <div className="card wide unassigned" data-testid="unassigned-readings">
          <h3>
            {t('vitals.othersTitle')} <span className="muted">({others.length})</span>
          </h3>
          <p className="muted small">{hasPatient ? t('vitals.unassignedHint') : t('vitals.unassignedPickFirst')}</p>
          <ul className="readings">
            {others.map((item) => (
              <ReadingCard key={item.id} item={item} actions={actions} ownPatient={false} canAssign={hasPatient} />
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
