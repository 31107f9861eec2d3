/**
 * The patients pending readings name, read from the store: each record id's live record (following
 * replaced-by after an identity merge), the patients holding each HN a message names, and their names for
 * the nurse. Re-read whenever the readings or the bound patient change.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { replacedBy } from '../../../sync/replication/patientMerge.std.js';
import { thLocalSystem } from '../../../sync/model/systems.std.js';
import type { PeopleIndex } from './readingOwner.std.js';

export interface ReadingPeople extends PeopleIndex {
  /** The live record of a patient id, when the store holds it. */
  patient(patientId: string): PatientDoc | null;
}

interface Known {
  readonly survivors: ReadonlyMap<string, string>;
  readonly docs: ReadonlyMap<string, PatientDoc>;
  readonly hns: ReadonlyMap<string, readonly string[]>;
}

const EMPTY: Known = { survivors: new Map(), docs: new Map(), hns: new Map() };
/** Merges chain at most this far (a record replaced, its survivor replaced again). */
const MAX_HOPS = 5;

async function live(records: DataContext, id: string, docs: Map<string, PatientDoc>): Promise<string> {
  let current = id;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const doc = await records.patientById(current);
    if (doc === null) return current;
    docs.set(current, doc);
    const next = replacedBy(doc);
    if (next === null || next === current) return current;
    current = next;
  }
  return current;
}

async function resolve(
  records: DataContext,
  items: readonly InboxItem[],
  bound: string | null,
  hcode: string,
): Promise<Known> {
  const ids = new Set<string>(bound === null ? [] : [bound]);
  const hns = new Set<string>();
  for (const item of items) {
    for (const id of [
      item.patientRef,
      item.arrival?.patientRef ?? null,
      item.subject?.patientRef ?? null,
      item.subjectOverride,
    ])
      if (id !== null) ids.add(id);
    if (item.subject?.hn != null) hns.add(item.subject.hn);
  }
  const docs = new Map<string, PatientDoc>();
  const survivors = new Map<string, string>();
  for (const id of ids) survivors.set(id, await live(records, id, docs));
  const byHn = new Map<string, readonly string[]>();
  for (const hn of hns) {
    const holders = await records.patientsByIdentifier(thLocalSystem(hcode, 'HN'), hn);
    const found = new Set<string>();
    for (const holder of holders) found.add(await live(records, holder.id, docs));
    byHn.set(hn, [...found]);
  }
  return { survivors, docs, hns: byHn };
}

export function useReadingPeople(
  records: DataContext | null,
  items: readonly InboxItem[],
  bound: string | null,
  hcode: string,
): ReadingPeople {
  const [known, setKnown] = useState<Known>(EMPTY);
  useEffect(() => {
    if (records === null) return;
    let current = true;
    void resolve(records, items, bound, hcode).then(
      (found) => current && setKnown(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [records, items, bound, hcode]);
  return useMemo(() => {
    const survivorOf = (id: string): string => known.survivors.get(id) ?? id;
    return {
      survivorOf,
      withHn: (hn: string) => known.hns.get(hn),
      patient: (id: string) => known.docs.get(survivorOf(id)) ?? null,
    };
  }, [known]);
}
