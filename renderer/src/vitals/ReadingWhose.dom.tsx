/**
 * Whose a pending reading is, in the nurse's words: who the station had selected when it arrived and when,
 * whom it is for now if it was moved, and a warning when the device itself names someone else.
 */
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import type { Named, ReadingVerdict } from './readingOwner.std.js';
import { dateTime } from './time.dom.js';

/** A patient id as the nurse reads it: the name in the store, or what is known. */
export type NameOf = (patientId: string | null) => string;

function namedText(named: Named, nameOf: NameOf): string | null {
  if (named.kind === 'patient') return nameOf(named.patientId);
  if (named.kind === 'unknown' && named.hn !== null) return `HN ${named.hn}`;
  return null;
}

export function ReadingWhose({
  item,
  verdict,
  nameOf,
}: {
  readonly item: InboxItem;
  readonly verdict: ReadingVerdict;
  readonly nameOf: NameOf;
}) {
  const { t, i18n } = useTranslation();
  const time = dateTime(item.receivedAt, i18n.language);
  const arrival = item.arrival;
  const arrivedText =
    arrival === null
      ? t('vitals.arrivedUnknown', { time })
      : arrival.patientRef === null
        ? t('vitals.arrivedUnbound', { time })
        : t('vitals.arrivedFor', { time, name: nameOf(arrival.patientRef) });
  const moved = arrival !== null && item.patientRef !== arrival.patientRef;
  const named = namedText(verdict.named, nameOf);
  const owner = nameOf(item.patientRef);
  let warning: string | null = null;
  if (verdict.kind === 'mismatch') {
    if (verdict.named.kind === 'disagree') warning = t('vitals.subjectDisagree');
    else if (verdict.named.kind === 'unknown')
      warning = t('vitals.subjectUnknownHn', { hn: verdict.named.hn ?? '', owner });
    else warning = t('vitals.subjectNames', { named: named ?? '', owner });
  }
  return (
    <>
      <p className="small whose" data-testid="reading-arrival">
        {arrivedText}
      </p>
      {moved && (
        <p className="small whose" data-testid="reading-now-for">
          {t('vitals.nowFor', { name: owner })}
        </p>
      )}
      {warning !== null && (
        <p className="notice notice-bad small" role="alert" data-testid="reading-mismatch">
          {warning}
        </p>
      )}
      {verdict.kind === 'unassigned' && named !== null && (
        <p className="notice notice-warn small" data-testid="reading-named">
          {t('vitals.subjectNamesUnassigned', { named })}
        </p>
      )}
    </>
  );
}
