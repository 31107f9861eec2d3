/**
 * Patient field change times that never go backwards along a document's history, pure. The conflict rule
 * lets each field take the value changed last; with wall-clock stamps, a station whose clock runs two days
 * behind would lose a conflict even for an edit it made after seeing the other station's value, and its
 * newer value would be reverted. So an edit of a field is stamped at least 1 ms after the field's time in the
 * revision it replaces (a Lamport-style clock per field): an edit made with knowledge of another wins over it
 * whatever the clocks say, and a field nobody changed keeps its time. Only truly concurrent edits (neither station saw the other's) are ordered by
 * the stations' clocks, and the losing one is archived, never dropped.
 */
import type { Meta } from '../model/fhir.std.js';
import { readFieldTimes, withFieldTimes } from '../model/meta.std.js';
import { PATIENT_FIELDS } from '../model/patient.std.js';
import { canonicalJson as canonical } from '../model/canonicalJson.std.js';

interface WithMeta {
  readonly meta?: Meta | undefined;
}

function ms(value: string | undefined): number {
  const parsed = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isFinite(parsed) ? parsed : Number.NEGATIVE_INFINITY;
}

/** `next` with each changed field's time after `previous`'s, and each unchanged field's time as it was. */
export function causalFieldTimes<T extends WithMeta>(previous: WithMeta & Record<string, unknown>, next: T): T {
  const before = readFieldTimes(previous.meta);
  const after = readFieldTimes(next.meta);
  const times: Record<string, string> = { ...after };
  let raised = false;
  for (const field of PATIENT_FIELDS) {
    const oldTime = before[field] ?? previous.meta?.lastUpdated;
    if (oldTime === undefined) continue;
    const changed = canonical(previous[field]) !== canonical((next as Record<string, unknown>)[field]);
    const newTime = after[field];
    if (changed && ms(newTime) <= ms(oldTime)) {
      times[field] = new Date(ms(oldTime) + 1).toISOString();
      raised = true;
    } else if (!changed && newTime !== undefined && newTime !== oldTime) {
      // A field's time moves only when its value does (a re-read of an unchanged card changes nothing).
      times[field] = oldTime;
      raised = true;
    }
  }
  if (!raised || next.meta === undefined) return next;
  return { ...next, meta: withFieldTimes(next.meta, times) };
}
