/**
 * Which patient this station is measuring. The binding lives in main (devices.bind), so readings that
 * arrive while the nurse is elsewhere still go to the right patient; only the nurse changes it: calling a visit
 * from today's queue, or a card read here (card.text → the keyed patient id from main). The front desk does not,
 * so the screening tab never opens on whoever was registered last.
 */
import { encounterPatientId } from '../../../sync/model/encounter.std.js';
import { useCallback, useEffect, useState } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { EdgeError } from '../../../electron/contract/result.std.js';
import { invoke, on } from '../bridge/client.dom.js';

export interface StationPatient {
  /** The Patient id the station is bound to, or null. */
  readonly patientId: string | null;
  readonly patient: PatientDoc | null;
  /** Today's open visit of that patient on this store, when there is one. */
  readonly encounter: EncounterDoc | null;
  readonly problem: unknown;
  /** A patient is bound and their record is still being read: show neither a name nor "not on this station". */
  readonly loading: boolean;
  bind(patientId: string | null, encounter?: EncounterDoc): Promise<void>;
}

const CLOSED: readonly EncounterDoc['status'][] = ['finished', 'cancelled', 'entered-in-error'];

async function todaysVisit(records: DataContext, patientId: string): Promise<EncounterDoc | null> {
  const visits = await records.queueForDay(new Date());
  const open = visits.filter((visit) => encounterPatientId(visit) === patientId && !CLOSED.includes(visit.status));
  return open.at(-1) ?? null;
}

/** The keyed Patient id of a CID; the hospital key stays in main (identity.patientId). */
export type ResolvePatientId = (cid: string) => Promise<string>;

/** With no resolver a card read here does not change the binding (the front desk's bind still shows). */
export function useStationPatient(
  records: DataContext | null,
  resolvePatientId: ResolvePatientId | undefined,
): StationPatient {
  const [patientId, setPatientId] = useState<string | null>(null);
  const [picked, setPicked] = useState<EncounterDoc | null>(null);
  const [patient, setPatient] = useState<PatientDoc | null>(null);
  const [encounter, setEncounter] = useState<EncounterDoc | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  const bind = useCallback(async (next: string | null, visit?: EncounterDoc) => {
    const result = await invoke('devices.bind', { patientRef: next });
    if (!result.ok) {
      setProblem(new EdgeError(result.error.code, result.error.message));
      return;
    }
    setProblem(null);
    setPicked(visit ?? null);
    setPatientId(result.value.patientRef);
  }, []);

  useEffect(() => {
    let live = true;
    void invoke('devices.binding', {}).then((result) => {
      if (live && result.ok) setPatientId(result.value.patientRef);
    });
    const off = on('card.text', (event) => {
      if (resolvePatientId === undefined) return;
      resolvePatientId(event.card.cid).then(
        (id) => bind(id),
        (error: unknown) => setProblem(error),
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [bind, resolvePatientId]);

  useEffect(() => {
    if (records === null || patientId === null) {
      setPatient(null);
      setEncounter(null);
      return;
    }
    let live = true;
    void Promise.all([
      records.patientById(patientId),
      picked !== null && encounterPatientId(picked) === patientId ? picked : todaysVisit(records, patientId),
    ]).then(
      ([doc, visit]) => {
        if (!live) return;
        setPatient(doc);
        setEncounter(visit);
        setLoadedFor(patientId);
      },
      (error: unknown) => live && setProblem(error),
    );
    return () => {
      live = false;
    };
  }, [records, patientId, picked]);

  return { patientId, patient, encounter, problem, loading: patientId !== null && loadedFor !== patientId, bind };
}
