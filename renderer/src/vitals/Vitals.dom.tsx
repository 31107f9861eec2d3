/**
 * Vitals: the nurse's screening workspace. It opens with nobody selected: the nurse calls the next visit from
 * today's queue (or picks one); that visit is marked called and this station's bedside devices measure its
 * patient. Charting vitals moves the visit to screened; she then sends the patient on, or marks done or left.
 * Readings from bedside devices wait here for the patient this station is measuring; the nurse confirms (FHIR Observations written to the station's store, then the device inbox
 * marks them charted) or discards them. Manual entry, NEWS2 and the patient's recent observations with
 * corrections sit beside them. Readings with no patient, bound to another patient, or naming another patient
 * in their own message (HL7 PID) wait in "unassigned / other patients" until the nurse moves one (confirming
 * both names) or discards it with a reason; one vital from two sources at one time waits for her choice. A demo station has a
 * button per simulated device (one reading per press); a real station with no device port says so.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../electron/contract/settings.std.js';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import type { ObservationDoc, VitalItem } from '../../../sync/model/observation.std.js';
import { EdgeError } from '../../../electron/contract/result.std.js';
import { invokeOrThrow } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { useRecordsState } from '../records/RecordsProvider.dom.js';
import { useSettings } from './useSettings.dom.js';
import { useStationPatient, type ResolvePatientId } from './useStationPatient.dom.js';
import { usePendingReadings } from './usePendingReadings.dom.js';
import { usePatientObservations } from './usePatientObservations.dom.js';
import {
  callNext,
  confirmReading,
  correctObservation,
  moveVisit,
  saveAssessment,
  saveManual,
  type StationContext,
} from './charting.dom.js';
import type { Screening } from '../../../sync/model/screening.std.js';
import { encounterPatientId, queueNumberOf } from '../../../sync/model/encounter.std.js';
import { callCandidates, type QueueStage, type QueueStation } from '../../../sync/model/queueStage.std.js';
import { callClash, clashKey } from '../../../sync/model/queueCall.std.js';
import { CallClashNotice } from './CallClashNotice.dom.js';
import type { VisitWithPatient } from '../../../sync/store/dataContext.dom.js';
import { useTodayVisitsState } from '../records/useTodayVisits.dom.js';
import { ScreeningQueue } from './ScreeningQueue.dom.js';
import { VisitHistory } from './VisitHistory.dom.js';
import { useOlderHistory } from './useOlderHistory.dom.js';
import { mergeHistory } from './olderHistory.std.js';
import { currentVisitObservations, pastVisits, previousValues } from './visitHistory.std.js';
import type { News2Assessment } from '../../../sync/model/news2Assessment.std.js';
import { problemText } from './problems.dom.js';
import { PatientBar } from './PatientBar.dom.js';
import { PendingReadings, type ReadingActions } from './PendingReadings.dom.js';
import { useReadingPeople } from './useReadingPeople.dom.js';
import { splitPending } from './pending.std.js';
import { judgeReading } from './readingOwner.std.js';
import { NOT_CHOSEN, type ConfirmPlan } from './sameVital.std.js';
import { displayName } from '../frontdesk/names.std.js';
import { ManualEntry } from './ManualEntry.dom.js';
import { News2Panel } from './News2Panel.dom.js';
import { RecentObservations } from './RecentObservations.dom.js';
import { useDevicePorts } from '../station/useHardwareStatus.dom.js';
import { missingDevicePort } from '../station/missingHardware.std.js';
import { MissingHardwareNotice } from '../station/MissingHardwareNotice.dom.js';
import { DemoDeviceControls } from '../station/DemoDeviceControls.dom.js';
import './vitals.css';

/** What the nurse reads after an action; worded at render time, so it follows the language toggle. */
type Notice = { readonly kind: 'ok' | 'bad'; readonly text: () => string } | null;

export interface VitalsProps {
  /** The shell's settings (fetched here when absent). */
  readonly settings?: StationSettings;
  /** CID → keyed Patient id (identity.patientId): with it, a card read on this station binds that patient. */
  readonly resolvePatientId?: ResolvePatientId;
}

export function Vitals({ settings: given, resolvePatientId }: VitalsProps = {}) {
  const { t, i18n } = useTranslation();
  const settings = useSettings(given);
  const { records, ids, readOlder } = useRecordsState();
  const station = useMemo<StationContext | null>(
    () =>
      settings?.hcode === null || settings === null ? null : { hcode: settings.hcode, stationId: settings.stationId },
    [settings],
  );
  const queueStation = useMemo<QueueStation | null>(
    () => (settings === null ? null : { id: settings.stationId, name: settings.stationName ?? settings.stationId }),
    [settings],
  );
  const patient = useStationPatient(records, resolvePatientId);
  const pending = usePendingReadings(records);
  const people = useReadingPeople(records, pending.items, patient.patientId, settings?.hcode ?? '');
  const bound = patient.patientId === null ? null : people.survivorOf(patient.patientId);
  const { forPatient, others } = splitPending(pending.items, bound, people);
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const nameOf = (id: string | null): string => {
    if (id === null) return t('vitals.nobody');
    const doc = people.patient(id);
    return doc === null ? t('vitals.patientNotInStore') : displayName(doc, lang);
  };
  const observations = usePatientObservations(records, patient.patientId);
  const held = usePatientObservations(records, patient.patientId, 400);
  const older = useOlderHistory(records, readOlder, patient.patientId, held);
  const history = useMemo(() => mergeHistory(held, older.kind === 'loaded' ? older.observations : []), [held, older]);
  const queue = useTodayVisitsState(records);
  // The bound visit as the store has it now (another station may have moved it), else the one picked.
  const visit = queue.rows.find((row) => row.encounter.id === patient.encounter?.id)?.encounter ?? patient.encounter;
  const now = new Date();
  const past = pastVisits(history, visit?.id ?? null, now);
  const previous = previousValues(history, visit?.id ?? null, now);
  const thisVisit = currentVisitObservations(observations, visit?.id ?? null, now);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [news2Draft, setNews2Draft] = useState<News2Assessment | null>(null);
  const [news2Saved, setNews2Saved] = useState(0);
  // A visit the nurse picked that another station had called: offered to call here, not bound.
  const [offered, setOffered] = useState<string | null>(null);
  // Clashes the nurse answered "the patient is here" for (a visit another station moved on, not a call).
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const boundClash =
    patient.encounter === null || visit === null || queueStation === null ? null : callClash(visit, queueStation.id);
  const blocked = boundClash !== null && visit !== null && !answered.has(clashKey(boundClash, visit.id));
  const offeredRow = queue.rows.find((row) => row.encounter.id === offered) ?? null;
  const offeredClash =
    offeredRow === null || queueStation === null ? null : callClash(offeredRow.encounter, queueStation.id);
  const ports = useDevicePorts();
  const demo = settings?.mode === 'demo';
  const missingPort = demo || ports === null ? null : missingDevicePort(ports);

  async function attempt(action: () => Promise<() => string>): Promise<boolean> {
    try {
      setNotice({ kind: 'ok', text: await action() });
      return true;
    } catch (error) {
      setNotice({ kind: 'bad', text: () => problemText(error) });
      return false;
    } finally {
      await pending.reload();
    }
  }

  function readyStore(): { store: NonNullable<typeof records>; at: StationContext; by: QueueStation } {
    if (records === null || station === null || queueStation === null)
      throw new EdgeError('not_configured', 'records not open yet');
    return { store: records, at: station, by: queueStation };
  }

  /** Ready to chart for the bound patient; refused while another station holds the visit and the nurse has not answered. */
  function ready(): { store: NonNullable<typeof records>; at: StationContext; by: QueueStation; patientId: string } {
    if (patient.patientId === null) throw new EdgeError('not_found', 'no patient bound');
    if (blocked) throw new EdgeError('queue_called_elsewhere', 'another station holds the visit');
    return { ...readyStore(), patientId: patient.patientId };
  }

  /** Charts one reading to its patient's live record; only a reading nothing stands against (verdict ok). */
  async function chartOne(item: InboxItem, excludeCodes: readonly string[] = []): Promise<number> {
    const { store, at, by } = ready();
    const verdict = judgeReading(item, people);
    if (verdict.kind !== 'ok')
      throw new EdgeError(
        verdict.kind === 'unassigned' ? 'device_reading_unassigned' : 'device_reading_moved',
        `reading ${item.id} is ${verdict.kind}`,
      );
    const encounterId = verdict.owner === bound ? patient.encounter?.id : undefined;
    const charted = await confirmReading(
      store,
      item,
      { ...at, patientId: verdict.owner, encounterId, at: new Date().toISOString() },
      excludeCodes,
    );
    if (encounterId !== undefined) await moveVisit(store, encounterId, 'screened', by);
    return charted.alreadyCharted ? 0 : charted.observationIds.length;
  }

  function nameOfRow(row: VisitWithPatient): string {
    // Worded when the notice renders: the language may have changed since the call.
    return row.patient === null
      ? i18n.t('vitals.patientNotInStore')
      : displayName(row.patient, i18n.language === 'en' ? 'en' : 'th');
  }

  /**
   * Calls a visit for screening and measures its patient here: the next one still waiting when none is given (one
   * called meanwhile is skipped); a picked one another station called is offered, not taken (CallClashNotice), unless
   * `retake` (the nurse said the patient is here).
   */
  async function callVisit(row: VisitWithPatient | null, retake = false): Promise<void> {
    setBusy(true);
    try {
      await attempt(async () => {
        const { store, by } = readyStore();
        const called =
          row === null
            ? await callNext(store, callCandidates(queue.rows.map((candidate) => candidate.encounter)), by)
            : await moveVisit(store, row.encounter.id, 'called', by, retake);
        if (called === null) return () => i18n.t('vitals.noneWaiting');
        const target = queue.rows.find((candidate) => candidate.encounter.id === called.id) ?? row;
        const clash = callClash(called, by.id);
        if (clash !== null && !retake) {
          setOffered(called.id);
          return () => i18n.t('vitals.clash.offered', { number: queueNumberOf(called) ?? '' });
        }
        // Moved on elsewhere (not a call to take back): the nurse said the patient is here, so charting may go on.
        if (clash !== null) setAnswered((keys) => new Set([...keys, clashKey(clash, called.id)]));
        setOffered(null);
        await patient.bind(encounterPatientId(called), called);
        return () =>
          i18n.t('vitals.calledNotice', {
            number: queueNumberOf(called) ?? '',
            name: target === null ? '' : nameOfRow(target),
          });
      });
    } finally {
      setBusy(false);
    }
  }

  /** The nurse says the patient of the visit another station holds is in front of her. */
  async function patientIsHere(): Promise<void> {
    const row = queue.rows.find((candidate) => candidate.encounter.id === visit?.id) ?? null;
    if (row !== null) await callVisit(row, true);
  }

  /** The bound visit's next step after screening; the station then measures nobody until the next call. */
  async function moveCurrent(stage: QueueStage): Promise<void> {
    if (visit === null) return;
    setBusy(true);
    try {
      const moved = await attempt(async () => {
        const { store, by } = ready();
        await moveVisit(store, visit.id, stage, by);
        return () =>
          i18n.t('vitals.movedNotice', { number: queueNumberOf(visit) ?? '', stage: i18n.t(`queue.stage.${stage}`) });
      });
      if (moved) await patient.bind(null);
    } finally {
      setBusy(false);
    }
  }

  const actions: ReadingActions = {
    confirm: async (item: InboxItem) => {
      await attempt(async () => {
        const count = await chartOne(item);
        return () => (count === 0 ? i18n.t('vitals.alreadyCharted') : i18n.t('vitals.charted', { count }));
      });
    },
    discard: async (item: InboxItem, reason: string) => {
      await attempt(async () => {
        await invokeOrThrow('devices.discard', { id: item.id, reason });
        return () => i18n.t('vitals.discarded');
      });
    },
    move: async (item: InboxItem, target: string, overrideSubject: boolean) => {
      await attempt(async () => {
        await invokeOrThrow('devices.assign', {
          id: item.id,
          from: item.patientRef,
          patientRef: target,
          overrideSubject,
        });
        return () => i18n.t('vitals.moved', { name: nameOf(target) });
      });
    },
    chart: async (plan: ConfirmPlan) => {
      await attempt(async () => {
        let count = 0;
        for (const step of plan.charts) count += (await chartOne(step.item, step.excludeCodes)) > 0 ? 1 : 0;
        for (const item of plan.discards) await invokeOrThrow('devices.discard', { id: item.id, reason: NOT_CHOSEN });
        return () =>
          plan.waiting.length === 0
            ? i18n.t('vitals.chartedAll', { count })
            : i18n.t('vitals.chartedAllWaiting', { count, waiting: plan.waiting.length });
      });
    },
  };

  function saveManualItems(items: readonly VitalItem[], screening: Screening): Promise<boolean> {
    return attempt(async () => {
      const { store, at, by, patientId } = ready();
      // Consciousness and air/oxygen chosen in the NEWS2 panel go into the same save.
      const saved = await saveManual(
        store,
        items,
        { ...at, patientId, encounterId: patient.encounter?.id, newId: ids },
        news2Draft,
        screening,
      );
      if (news2Draft !== null) setNews2Saved((key) => key + 1);
      if (patient.encounter !== null) await moveVisit(store, patient.encounter.id, 'screened', by);
      return () => i18n.t('vitals.charted', { count: saved.length });
    });
  }

  function saveNews2(assessment: News2Assessment): Promise<boolean> {
    return attempt(async () => {
      const { store, at, patientId } = ready();
      const saved = await saveAssessment(store, assessment, {
        ...at,
        patientId,
        encounterId: patient.encounter?.id,
        newId: ids,
      });
      return () => i18n.t('vitals.charted', { count: saved.length });
    });
  }

  function correct(old: ObservationDoc, items: readonly VitalItem[]): Promise<boolean> {
    return attempt(async () => {
      const { store, at } = ready();
      await correctObservation(store, old, items, { ...at, newId: ids });
      return () => (items.length === 0 ? i18n.t('vitals.markedInError') : i18n.t('vitals.corrected'));
    });
  }

  const hasPatient = patient.patientId !== null && !blocked;
  const rowName = (id: string): string => {
    const row = queue.rows.find((candidate) => candidate.encounter.id === id);
    return row === undefined ? '' : nameOfRow(row);
  };
  const background = [patient.problem, pending.problem].find((problem) => problem !== null);
  return (
    <section className="workspace vitals" data-testid="workspace-vitals">
      <h2>{t('vitals.title')}</h2>
      {/* A call's "called" notice is stale once another station holds the visit: the clash notice says what is true. */}
      {notice !== null && !(blocked && notice.kind === 'ok') && (
        <p
          className={notice.kind === 'ok' ? 'notice notice-ok' : 'notice notice-bad'}
          role="status"
          data-testid="vitals-notice"
        >
          {notice.text()}
        </p>
      )}
      {background !== undefined && (
        <p className="notice notice-bad" role="alert">
          {problemText(background)}
        </p>
      )}
      {pending.lastDeviceError !== null && (
        <p className="notice notice-warn" data-testid="vitals-device-error">
          {t(`vitals.profile.${pending.lastDeviceError.profile}`, { defaultValue: pending.lastDeviceError.profile })}:{' '}
          {errorMessage(pending.lastDeviceError.code)}
        </p>
      )}
      {missingPort !== null && <MissingHardwareNotice missing={missingPort} />}
      <div className="grid vitals-grid">
        {demo && <DemoDeviceControls />}
        {blocked && boundClash !== null && visit !== null && (
          <CallClashNotice
            clash={boundClash}
            number={queueNumberOf(visit) ?? ''}
            name={rowName(visit.id)}
            busy={busy}
            onHere={() => void patientIsHere()}
            onNotHere={() => void patient.bind(null)}
          />
        )}
        {!blocked && offeredRow !== null && offeredClash !== null && (
          <CallClashNotice
            clash={offeredClash}
            number={queueNumberOf(offeredRow.encounter) ?? ''}
            name={nameOfRow(offeredRow)}
            busy={busy}
            onHere={() => void callVisit(offeredRow, true)}
            onNotHere={() => setOffered(null)}
          />
        )}
        <PatientBar
          station={patient}
          visit={visit}
          hcode={settings?.hcode ?? ''}
          busy={busy || blocked}
          onMove={(stage) => void moveCurrent(stage)}
        />
        <ScreeningQueue
          rows={queue.rows}
          loaded={queue.loaded}
          currentId={visit?.id ?? null}
          busy={busy || records === null}
          onCall={(row) => void callVisit(row)}
        />
        <PendingReadings
          forPatient={forPatient}
          others={others}
          actions={actions}
          bound={bound}
          people={people}
          nameOf={nameOf}
        />
        <ManualEntry
          disabled={!hasPatient || records === null}
          heldBecause={blocked ? t('vitals.clash.held') : undefined}
          onSave={saveManualItems}
          withAssessment={news2Draft !== null}
          previous={previous}
        />
        <News2Panel
          observations={thisVisit}
          onSave={saveNews2}
          canSave={hasPatient && records !== null}
          onDraft={setNews2Draft}
          savedKey={news2Saved}
        />
        {hasPatient && !patient.loading && <VisitHistory points={past} older={older} />}
        <RecentObservations observations={observations} onCorrect={correct} />
      </div>
    </section>
  );
}
