/**
 * Readings from bedside devices waiting for the nurse, each with who the station had selected when it arrived
 * and when. Those for the patient being measured: confirm (chart) or discard, one by one or all at once;
 * readings of one vital at one time from two sources side by side, to choose from. Everything else
 * (unassigned, another patient's, or naming someone else than its patient): move it, after a confirmation
 * naming both patients, or discard it. A discard always says why.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SkippedValues } from './SkippedValues.dom.js';
import { earlierValues } from './earlierValues.std.js';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { VitalRows } from './VitalRows.dom.js';
import { chartableValues } from '../../../sync/model/readingChart.std.js';
import { DISCARD_REASONS, discardReasonText, type DiscardReasonCode } from './pending.std.js';
import { judgeReading, movesAgainstSubject, type PeopleIndex, type ReadingVerdict } from './readingOwner.std.js';
import {
  choiceKey,
  planConfirmAll,
  planGroup,
  sameVitalGroups,
  type Choices,
  type ConfirmPlan,
} from './sameVital.std.js';
import { ReadingWhose, type NameOf } from './ReadingWhose.dom.js';
import { MoveConfirm } from './MoveConfirm.dom.js';
import { SameVitalGroupCard } from './SameVitalGroup.dom.js';

export interface ReadingActions {
  confirm(item: InboxItem, verdict: ReadingVerdict): Promise<void>;
  discard(item: InboxItem, reason: string): Promise<void>;
  /** Move to `target`; `overrideSubject` when the device names someone else. */
  move(item: InboxItem, target: string, overrideSubject: boolean): Promise<void>;
  /** Chart a plan of readings (one chosen group, or "confirm all"). */
  chart(plan: ConfirmPlan): Promise<void>;
}

function DiscardForm({
  busy,
  onDiscard,
  onCancel,
}: {
  readonly busy: boolean;
  readonly onDiscard: (reason: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState<DiscardReasonCode | ''>('');
  const [words, setWords] = useState('');
  const reason = discardReasonText(code, words);
  return (
    <div className="discard-form" data-testid="discard-form">
      <label>
        {t('vitals.discardWhy')}
        <select
          value={code}
          onChange={(event) => setCode(event.target.value as DiscardReasonCode | '')}
          data-testid="discard-reason"
        >
          <option value="">{t('vitals.discardPick')}</option>
          {DISCARD_REASONS.map((option) => (
            <option key={option} value={option}>
              {t(`vitals.discardReason.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {code === 'other' && (
        <input
          value={words}
          maxLength={180}
          onChange={(event) => setWords(event.target.value)}
          placeholder={t('vitals.discardWords')}
          data-testid="discard-words"
        />
      )}
      <button
        type="button"
        className="danger"
        disabled={busy || reason === null}
        onClick={() => reason !== null && onDiscard(reason)}
        data-testid="reading-discard-yes"
      >
        {t('vitals.discardYes')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('vitals.keep')}
      </button>
    </div>
  );
}

function ReadingCard({
  item,
  actions,
  ownPatient,
  inGroup = false,
  bound,
  people,
  nameOf,
}: {
  readonly item: InboxItem;
  readonly actions: ReadingActions;
  readonly ownPatient: boolean;
  /** Part of a same-vital group: charted through the group's choice, never on its own. */
  readonly inGroup?: boolean;
  /** The patient the station is bound to now (live record), or null. */
  readonly bound: string | null;
  readonly people: PeopleIndex;
  readonly nameOf: NameOf;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const values = item.reading?.values ?? [];
  const { skipped } = chartableValues(values);
  const earlier = item.reading === null ? [] : earlierValues(item.reading);
  const verdict = judgeReading(item, people);
  const named = verdict.named.kind === 'patient' ? verdict.named.patientId : null;
  const targets = [
    ...new Set(
      [bound, named].filter(
        (id): id is string =>
          id !== null &&
          (item.patientRef === null || people.survivorOf(item.patientRef) !== id || verdict.kind === 'mismatch'),
      ),
    ),
  ];

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  const against = moveTo !== null && movesAgainstSubject(verdict, moveTo, people);
  return (
    <li className="reading" data-testid="pending-reading" data-id={item.id}>
      <div className="reading-head">
        <span className="device">{t(`vitals.profile.${item.profile}`, { defaultValue: item.profile })}</span>
      </div>
      <ReadingWhose item={item} verdict={verdict} nameOf={nameOf} />
      <VitalRows values={values} />
      {earlier.length > 0 && (
        <p className="notice small" data-testid="reading-earlier">
          {t('vitals.earlier', {
            list: earlier.map((e) => `${t(`vitals.code.${e.code}`, { defaultValue: e.code })} ${e.at}`).join(', '),
          })}
        </p>
      )}
      {skipped.length > 0 && <p className="muted small">{t('vitals.skipped', { count: skipped.length })}</p>}
      <SkippedValues notes={item.skipped} />
      {moveTo !== null ? (
        <MoveConfirm
          from={nameOf(item.patientRef)}
          to={nameOf(moveTo)}
          against={against ? (named === null ? t('vitals.nobody') : nameOf(named)) : null}
          busy={busy}
          onYes={() => void run(() => actions.move(item, moveTo, against)).then(() => setMoveTo(null))}
          onCancel={() => setMoveTo(null)}
        />
      ) : askDiscard ? (
        <DiscardForm
          busy={busy}
          onDiscard={(reason) => void run(() => actions.discard(item, reason))}
          onCancel={() => setAskDiscard(false)}
        />
      ) : (
        <div className="reading-actions">
          {inGroup && <span className="muted small">{t('vitals.inGroup')}</span>}
          {ownPatient && !inGroup && verdict.kind === 'ok' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => actions.confirm(item, verdict))}
              data-testid="reading-confirm"
            >
              {t('vitals.confirm')}
            </button>
          )}
          {!ownPatient &&
            targets.map((target) => (
              <button
                key={target}
                type="button"
                disabled={busy}
                onClick={() => setMoveTo(target)}
                data-testid={target === bound ? 'reading-assign' : 'reading-assign-named'}
              >
                {target === bound ? t('vitals.assignHere') : t('vitals.moveTo', { name: nameOf(target) })}
              </button>
            ))}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => setAskDiscard(true)}
            data-testid="reading-discard"
          >
            {t('vitals.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

export function PendingReadings({
  forPatient,
  others,
  actions,
  bound,
  people,
  nameOf,
}: {
  readonly forPatient: readonly InboxItem[];
  readonly others: readonly InboxItem[];
  readonly actions: ReadingActions;
  readonly bound: string | null;
  readonly people: PeopleIndex;
  readonly nameOf: NameOf;
}) {
  const { t } = useTranslation();
  const [choices, setChoices] = useState<Choices>({});
  const [busy, setBusy] = useState(false);
  const hasPatient = bound !== null;
  const groups = sameVitalGroups(forPatient);
  const grouped = new Set(groups.flatMap((group) => group.items.map((item) => item.id)));
  const waiting = planConfirmAll(forPatient, choices).waiting.length;

  async function chart(plan: ConfirmPlan): Promise<void> {
    setBusy(true);
    try {
      await actions.chart(plan);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="card wide" data-testid="pending-readings">
        <div className="pending-head">
          <h3>
            {t('vitals.pendingTitle')} <span className="muted">({forPatient.length})</span>
          </h3>
          {forPatient.length > 1 && (
            <div className="reading-actions">
              <button
                type="button"
                disabled={busy}
                onClick={() => void chart(planConfirmAll(forPatient, choices))}
                data-testid="confirm-all"
              >
                {t('vitals.confirmAll')}
              </button>
              {waiting > 0 && (
                <span className="muted small" data-testid="confirm-all-waiting">
                  {t('vitals.confirmAllWaiting', { count: waiting })}
                </span>
              )}
            </div>
          )}
        </div>
        {forPatient.length === 0 && (
          <p className="muted">{hasPatient ? t('vitals.none') : t('vitals.noPatientPending')}</p>
        )}
        <ul className="readings">
          {groups.map((group) => (
            <SameVitalGroupCard
              key={group.key}
              group={group}
              choices={choices}
              busy={busy}
              onChoose={(vital, id) => setChoices((current) => ({ ...current, [choiceKey(group, vital)]: id }))}
              onChart={() => void chart(planGroup(group, choices))}
            />
          ))}
          {forPatient.map((item) => (
            <ReadingCard
              key={item.id}
              item={item}
              actions={actions}
              ownPatient
              inGroup={grouped.has(item.id)}
              bound={bound}
              people={people}
              nameOf={nameOf}
            />
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
              <ReadingCard
                key={item.id}
                item={item}
                actions={actions}
                ownPatient={false}
                bound={bound}
                people={people}
                nameOf={nameOf}
              />
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
