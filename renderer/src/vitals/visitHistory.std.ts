/**
 * A returning patient's history at a glance: one point per past visit (blood pressure, pulse, weight and the
 * NEWS2 total when that visit's set was complete), and the last value of each field from before this visit to
 * show beside the screening form. Observations are grouped by the visit they name (Encounter), else by the local
 * day they were measured. Dates on the chart are พ.ศ. in Thai, Gregorian in English.
 */
import type { ObservationDoc } from '../../../sync/model/observation.std.js';
import { latestAssessment } from '../../../sync/model/news2Assessment.std.js';
import { screeningOf } from '../../../sync/model/screening.std.js';
import { Loinc } from '../../../sync/model/vitals/vitalSigns.std.js';
import { news2 } from './news2.std.js';
import { latestVitals, news2InputFrom, valuesOf } from './recent.std.js';
import type { UiLanguage } from '../frontdesk/thaiDates.std.js';

export interface VisitPoint {
  /** The Encounter id, or `day:<yyyy-mm-dd>` for readings that named no visit. */
  readonly key: string;
  /** When the visit's newest observation was measured (ISO). */
  readonly at: string;
  readonly systolic?: number | undefined;
  readonly diastolic?: number | undefined;
  readonly pulse?: number | undefined;
  readonly weight?: number | undefined;
  /** The NEWS2 total of the visit's set, only when all seven parameters were taken. */
  readonly news2?: number | undefined;
}

function localDay(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getFullYear())}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function visitKey(observation: ObservationDoc): string {
  const encounter = observation.encounter?.reference?.replace(/^Encounter\//, '');
  return encounter ?? `day:${localDay(observation.effectiveDateTime)}`;
}

function live(observations: readonly ObservationDoc[]): ObservationDoc[] {
  return observations.filter((observation) => observation.status !== 'entered-in-error');
}

/** Whether an observation belongs to the visit going on now (its Encounter, or today without one). */
function isCurrent(observation: ObservationDoc, currentEncounterId: string | null, today: string): boolean {
  const key = visitKey(observation);
  return (currentEncounterId !== null && key === currentEncounterId) || key === `day:${today}`;
}

/**
 * The observations of the visit going on now: NEWS2 scores this visit's set, never last month's consciousness or
 * pulse beside today's blood pressure.
 */
export function currentVisitObservations(
  observations: readonly ObservationDoc[],
  currentEncounterId: string | null,
  now: Date,
): ObservationDoc[] {
  const today = localDay(now.toISOString());
  return observations.filter((observation) => isCurrent(observation, currentEncounterId, today));
}

/** One point per visit, oldest first; visits with none of the plotted values are left out. */
export function visitHistory(observations: readonly ObservationDoc[]): VisitPoint[] {
  const groups = new Map<string, ObservationDoc[]>();
  for (const observation of live(observations)) {
    const key = visitKey(observation);
    groups.set(key, [...(groups.get(key) ?? []), observation]);
  }
  const points: VisitPoint[] = [];
  for (const [key, group] of groups) {
    const latest = latestVitals(group, 24 * 60);
    const assessed = latestAssessment(group, 24 * 60);
    const score = news2(news2InputFrom(latest, { consciousness: assessed.consciousness, onOxygen: assessed.onOxygen }));
    const at =
      group
        .map((observation) => observation.effectiveDateTime)
        .sort()
        .at(-1) ?? '';
    const point: VisitPoint = {
      key,
      at,
      systolic: latest.get(Loinc.systolic)?.value,
      diastolic: latest.get(Loinc.diastolic)?.value,
      pulse: latest.get(Loinc.heartRate)?.value,
      weight: latest.get(Loinc.weight)?.value,
      news2: score.complete ? score.total : undefined,
    };
    if ([point.systolic, point.pulse, point.weight, point.news2].some((value) => value !== undefined))
      points.push(point);
  }
  return points.sort((a, b) => a.at.localeCompare(b.at));
}

/** The past visits (not the one going on now) of a patient, oldest first. */
export function pastVisits(
  observations: readonly ObservationDoc[],
  currentEncounterId: string | null,
  now: Date,
): VisitPoint[] {
  const today = localDay(now.toISOString());
  return visitHistory(observations.filter((observation) => !isCurrent(observation, currentEncounterId, today)));
}

export interface PreviousValue {
  readonly value: number;
  readonly at: string;
}

/** Per LOINC code (and the pain score's), the newest value measured before this visit. */
export function previousValues(
  observations: readonly ObservationDoc[],
  currentEncounterId: string | null,
  now: Date,
): Map<string, PreviousValue> {
  const today = localDay(now.toISOString());
  const earlier = live(observations)
    .filter((observation) => !isCurrent(observation, currentEncounterId, today))
    .sort((a, b) => b.effectiveDateTime.localeCompare(a.effectiveDateTime));
  const out = new Map<string, PreviousValue>();
  for (const observation of earlier) {
    const pain = screeningOf(observation)?.painScore;
    const values = pain === undefined ? valuesOf(observation) : [{ code: 'pain', value: pain }];
    for (const { code, value } of values)
      if (!out.has(code)) out.set(code, { value, at: observation.effectiveDateTime });
  }
  return out;
}

const THAI_SHORT_MONTHS = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
];
const ENGLISH_SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "6 ธ.ค. 2569" (พ.ศ.) / "6 Dec 2026": a visit's date on this station's calendar. */
export function visitDate(iso: string, language: UiLanguage): string {
  const date = new Date(iso);
  const year = date.getFullYear() + (language === 'th' ? 543 : 0);
  const month = (language === 'th' ? THAI_SHORT_MONTHS : ENGLISH_SHORT_MONTHS)[date.getMonth()] ?? '';
  return `${String(date.getDate())} ${month} ${String(year)}`;
}
