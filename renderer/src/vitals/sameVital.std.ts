/**
 * Two sources for one vital: the monitor's blood pressure and the kiosk's a minute apart, or a cuff measured
 * twice. Pending readings of one patient that carry the same vital within SAME_TIME_MS of each other form a
 * group the nurse sees side by side; she picks one value per contested vital. "Confirm all" charts every
 * reading outside a group and every group she has chosen for, and nothing of a group still waiting, so two
 * values for one vital at one time are never charted without her choice. A reading left with nothing to
 * chart (all its values lost the choice) is discarded with the reason NOT_CHOSEN.
 */
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { DIASTOLIC, SYSTOLIC } from '../../../sync/model/vitals/vitalSigns.std.js';
import { chartableValues } from '../../../sync/model/readingChart.std.js';

/** Readings of one vital closer than this are "at one time". */
export const SAME_TIME_MS = 10 * 60_000;
export const NOT_CHOSEN = 'duplicate: another source chosen';

/** The vital a chartable code is part of: systolic and diastolic are one blood pressure. */
export function vitalOf(code: string): string {
  return code === SYSTOLIC || code === DIASTOLIC ? 'bp' : code;
}

export function vitalsOf(item: InboxItem): string[] {
  return [...new Set(chartableValues(item.reading?.values ?? []).items.map((value) => vitalOf(value.code)))];
}

export interface SameVitalGroup {
  /** Sorted ids: a reading joining the group makes it a new group (choices start over). */
  readonly key: string;
  readonly items: readonly InboxItem[];
  /** Vitals carried by two or more of its readings. */
  readonly contested: readonly string[];
}

function timeOf(item: InboxItem): number {
  return Date.parse(item.reading?.at ?? item.receivedAt);
}

/** The groups among `items` (one patient's pending readings); readings in no group are charted on their own. */
export function sameVitalGroups(items: readonly InboxItem[], windowMs = SAME_TIME_MS): SameVitalGroup[] {
  const parent = items.map((_, index) => index);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  const vitals = items.map(vitalsOf);
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const a = items[i];
      const b = items[j];
      if (a === undefined || b === undefined || Math.abs(timeOf(a) - timeOf(b)) > windowMs) continue;
      if ((vitals[i] ?? []).some((vital) => (vitals[j] ?? []).includes(vital))) parent[find(j)] = find(i);
    }
  }
  const byRoot = new Map<number, number[]>();
  items.forEach((_, index) => byRoot.set(find(index), [...(byRoot.get(find(index)) ?? []), index]));
  const groups: SameVitalGroup[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    const grouped = members.map((index) => items[index]).filter((item): item is InboxItem => item !== undefined);
    const counts = new Map<string, number>();
    for (const index of members)
      for (const vital of vitals[index] ?? []) counts.set(vital, (counts.get(vital) ?? 0) + 1);
    const contested = [...counts].filter(([, n]) => n > 1).map(([vital]) => vital);
    groups.push({
      key: grouped
        .map((item) => item.id)
        .sort()
        .join(','),
      items: grouped,
      contested,
    });
  }
  return groups;
}

/** The nurse's picks: `choiceKey(group, vital)` → the inbox id whose value she keeps. */
export type Choices = Readonly<Record<string, string>>;

export function choiceKey(group: Pick<SameVitalGroup, 'key'>, vital: string): string {
  return `${group.key}|${vital}`;
}

export function groupChosen(group: SameVitalGroup, choices: Choices): boolean {
  return group.contested.every((vital) => group.items.some((item) => item.id === choices[choiceKey(group, vital)]));
}

export interface ChartStep {
  readonly item: InboxItem;
  /** Codes of this reading not to chart: they lost the nurse's choice to another source. */
  readonly excludeCodes: readonly string[];
}

export interface ConfirmPlan {
  readonly charts: readonly ChartStep[];
  /** Readings whose every value lost the choice. */
  readonly discards: readonly InboxItem[];
  /** Groups still waiting for the nurse: nothing of them is charted. */
  readonly waiting: readonly SameVitalGroup[];
}

/** One group, once chosen: what each of its readings charts. */
export function planGroup(group: SameVitalGroup, choices: Choices): ConfirmPlan {
  if (!groupChosen(group, choices)) return { charts: [], discards: [], waiting: [group] };
  const charts: ChartStep[] = [];
  const discards: InboxItem[] = [];
  for (const item of group.items) {
    const lost = new Set(group.contested.filter((vital) => choices[choiceKey(group, vital)] !== item.id));
    const codes = chartableValues(item.reading?.values ?? []).items.map((value) => value.code);
    const excludeCodes = codes.filter((code) => lost.has(vitalOf(code)));
    if (excludeCodes.length === codes.length) discards.push(item);
    else charts.push({ item, excludeCodes });
  }
  return { charts, discards, waiting: [] };
}

/** "Confirm all" over one patient's chartable readings. */
export function planConfirmAll(items: readonly InboxItem[], choices: Choices, windowMs = SAME_TIME_MS): ConfirmPlan {
  const groups = sameVitalGroups(items, windowMs);
  const grouped = new Set(groups.flatMap((group) => group.items.map((item) => item.id)));
  const plans = groups.map((group) => planGroup(group, choices));
  return {
    charts: [
      ...items.filter((item) => !grouped.has(item.id)).map((item) => ({ item, excludeCodes: [] })),
      ...plans.flatMap((plan) => plan.charts),
    ],
    discards: plans.flatMap((plan) => plan.discards),
    waiting: plans.flatMap((plan) => plan.waiting),
  };
}
