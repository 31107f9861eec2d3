/**
 * Front desk: insert the card → the form fills (photo when ready) → save creates or updates the patient and
 * opens a visit with a queue number. Manual entry when the chip fails. Taking the card out clears an unsaved form.
 * A demo station has buttons to put a made-up card in the virtual reader; a real station with no reader says so.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../electron/contract/settings.std.js';
import type { PersonDetails } from '../../../sync/model/personDetails.std.js';
import { isEdgeError } from '../../../electron/contract/result.std.js';
import { invoke } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { useRecordsState } from '../records/RecordsProvider.dom.js';
import { useCardSession } from './useCardSession.dom.js';
import { photoSettled } from './cardSession.std.js';
import { registerFoundPatient, registerVisit, type RegisteredVisit, type VisitAsk } from './registerVisit.dom.js';
import { CardRegistration } from './CardRegistration.dom.js';
import { CardRights } from './CardRights.dom.js';
import { ManualEntry } from './ManualEntry.dom.js';
import { TodayQueue } from './TodayQueue.dom.js';
import { useCardStatus } from '../station/useHardwareStatus.dom.js';
import { missingCardReader } from '../station/missingHardware.std.js';
import { MissingHardwareNotice } from '../station/MissingHardwareNotice.dom.js';
import { DemoCardControls } from '../station/DemoCardControls.dom.js';
import { useSlipPrinter } from './slip/useSlipPrinter.dom.js';
import { SlipStatus } from './slip/SlipStatus.dom.js';
import { docId } from '../../../sync/model/fhir.std.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { DEFAULT_CLAIM_TYPE } from '../../../electron/contract/nhso.std.js';
import { AuthenFields, type AuthenInput } from './AuthenFields.dom.js';
import { AuthenRetry, AuthenState } from './AuthenState.dom.js';
import { AuthenAskAgain } from './AuthenAskAgain.dom.js';
import type { ErrorCode } from '../../../electron/contract/errors.std.js';
import { normalizeMobile } from './authenView.std.js';
import { patientCid, type PatientDoc } from '../../../sync/model/patient.std.js';
import { DEFAULT_VISIT_TYPE, type ServicePoint, type VisitDetails } from '../../../sync/model/visitDetails.std.js';
import { PatientSearch } from './PatientSearch.dom.js';
import { FoundPatient } from './FoundPatient.dom.js';
import { VisitDetailsFields, type VisitDetailsInput } from './VisitDetailsFields.dom.js';
import { useServicePoints } from './useServicePoints.dom.js';
import { schemeCode } from './rights.std.js';

/** The first point in use: general OPD on a new station, so a clerk only changes it for another clinic. */
function defaultPoint(points: readonly ServicePoint[]): string {
  return points.find((point) => point.active)?.code ?? '';
}

export function FrontDesk({ settings }: { readonly settings: StationSettings }) {
  const { t } = useTranslation();
  const { records, ids, error: storeError } = useRecordsState();
  const [session, dispatch] = useCardSession();
  const [manual, setManual] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<(RegisteredVisit & { readonly cid: string }) | null>(null);
  // The code, not its words: the message follows the language toggle.
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [authenInput, setAuthenInput] = useState<AuthenInput>({ mobile: '', claimType: DEFAULT_CLAIM_TYPE });
  const points = useServicePoints();
  // '' until the clerk chooses: the station's first point in use is shown (and taken) meanwhile.
  const [visitInput, setVisitInput] = useState<VisitDetailsInput>({ servicePoint: '', visitType: DEFAULT_VISIT_TYPE });
  const shownVisitInput = {
    ...visitInput,
    servicePoint: visitInput.servicePoint === '' ? defaultPoint(points) : visitInput.servicePoint,
  };
  const [found, setFound] = useState<{ readonly patient: PatientDoc; readonly lastVisit: EncounterDoc | null } | null>(
    null,
  );
  const cardStatus = useCardStatus();
  const slips = useSlipPrinter(settings);
  const demo = settings.mode === 'demo';
  const missing = demo ? null : missingCardReader(cardStatus);

  /** The clinic and visit type chosen, and the right the card carried (card path only). */
  function visitDetails(rightText: string | null): VisitDetails | null {
    const point = points.find((candidate) => candidate.code === shownVisitInput.servicePoint);
    if (point === undefined && points.length > 0) return null;
    return {
      servicePoint: point === undefined ? undefined : { code: point.code, th: point.th },
      visitType: shownVisitInput.visitType,
      right:
        rightText === null || rightText.trim() === '' ? null : { code: schemeCode(rightText), text: rightText.trim() },
    };
  }

  /** Saves a visit through `register` (card, manual entry or a patient found by search); the slip prints after. */
  async function save(
    cid: string | null,
    rightText: string | null,
    register: (ask: VisitAsk) => Promise<RegisteredVisit>,
    afterSave?: () => Promise<void>,
  ): Promise<void> {
    if (records === null) return;
    const mobile = normalizeMobile(authenInput.mobile);
    if (mobile === null) return setProblem('nhso_mobile_invalid');
    const details = visitDetails(rightText);
    if (details === null) return setProblem('service_point_required');
    setBusy(true);
    setProblem(null);
    try {
      const visit = await register({
        details,
        authen: mobile === '' ? undefined : { mobile, claimType: authenInput.claimType },
      });
      setAuthenInput({ mobile: '', claimType: DEFAULT_CLAIM_TYPE });
      setVisitInput({ servicePoint: '', visitType: DEFAULT_VISIT_TYPE });
      setSaved({ ...visit, cid: cid ?? '' });
      // "Save and issue queue ticket": the slip prints after the visit is stored; a failed print loses nothing.
      slips.remember(visit.encounterId, rightText);
      void printSavedSlip(visit.encounterId, visit.authen?.claimCode ?? null, false);
      setManual(false);
      setFound(null);
      setRefreshKey((key) => key + 1);
      await afterSave?.();
    } catch (error) {
      setProblem(isEdgeError(error) ? error.code : 'storage_failed');
    } finally {
      setBusy(false);
    }
  }

  function saveCardOrManual(card: PersonDetails, source: 'card' | 'manual'): Promise<void> {
    const store = records;
    if (store === null) return Promise.resolve();
    const rightText = source === 'card' ? (session.extras?.nhso?.mainInscl ?? null) : null;
    return save(
      card.cid,
      rightText,
      (ask) => registerVisit(store, ids, settings, card, source, ask),
      async () => {
        if (
          source === 'card' &&
          session.card !== null &&
          session.photo.state === 'done' &&
          session.photo.sha256 !== null
        ) {
          await invoke('card.markPhotoStored', {
            cid: session.card.cid,
            issueDate: session.card.issueDate,
            sha256: session.photo.sha256,
          });
        }
        if (source === 'card') dispatch({ type: 'clear' });
      },
    );
  }

  /** A patient chosen from the search: their mobile number on record is offered for the authen code. */
  function pick(patient: PatientDoc, lastVisit: EncounterDoc | null): void {
    const mobile = patient.telecom?.find((point) => point.system === 'phone' && point.use === 'mobile')?.value ?? '';
    setAuthenInput({ mobile, claimType: DEFAULT_CLAIM_TYPE });
    setFound({ patient, lastVisit });
  }

  function saveFound(patient: PatientDoc): void {
    if (records === null) return;
    void save(patientCid(patient), null, (ask) => registerFoundPatient(records, ids, settings, patient, ask));
  }

  /** `claimCode`: the NHSO's code when main already has it and the page has not written it on the visit yet. */
  async function printSavedSlip(encounterId: string, claimCode: string | null, reprint: boolean): Promise<void> {
    const doc = await records?.get(docId('Encounter', encounterId));
    if (doc?.resourceType === 'Encounter') await slips.print(doc as EncounterDoc, reprint, claimCode);
  }

  function saveCard(): void {
    const card = session.card;
    if (card === null) return;
    const photo = session.photo.base64 === null ? null : { base64: session.photo.base64 };
    void saveCardOrManual({ ...card, photo, address: card.address }, 'card');
  }

  const waitingForPhoto = session.card !== null && !photoSettled(session.photo);

  return (
    <section className="workspace" data-testid="workspace-frontdesk">
      <h2>{t('frontdesk.title')}</h2>
      {storeError !== null && <p className="problem">{errorMessage('storage_failed')}</p>}
      <div className="grid">
        <div>
          {saved !== null && session.phase === 'idle' && !manual && found === null && (
            <div className="card saved" data-testid="visit-saved">
              <p>{t(saved.isNewPatient ? 'frontdesk.savedNew' : 'frontdesk.savedReturning')}</p>
              <p className="queue-big" data-testid="saved-queue-number">
                {saved.queueNumber}
              </p>
              <SlipStatus
                state={slips.states.get(saved.encounterId)}
                onPrint={() => void printSavedSlip(saved.encounterId, saved.authen?.claimCode ?? null, true)}
              />
              <p data-testid="saved-authen">
                <AuthenState encounter={{ id: saved.encounterId }} detail />
              </p>
              <AuthenRetry encounterId={saved.encounterId} />
              <AuthenAskAgain visit={saved} />
              {saved.authenError !== null && <p className="problem">{errorMessage(saved.authenError)}</p>}
            </div>
          )}
          {demo && <DemoCardControls status={cardStatus} />}
          {session.phase === 'idle' && !manual && found !== null && (
            <>
              <FoundPatient patient={found.patient} lastVisit={found.lastVisit} hcode={settings.hcode ?? ''} />
              <VisitDetailsFields value={shownVisitInput} onChange={setVisitInput} points={points} />
              <AuthenFields value={authenInput} onChange={setAuthenInput} />
              <div className="actions">
                <button
                  type="button"
                  disabled={busy || records === null}
                  onClick={() => saveFound(found.patient)}
                  data-testid="save-visit"
                >
                  {t('frontdesk.saveVisit')}
                </button>
                <button type="button" className="secondary" onClick={() => setFound(null)}>
                  {t('frontdesk.search.cancel')}
                </button>
              </div>
            </>
          )}
          {session.phase === 'idle' && !manual && found === null && (
            <div className="card">
              {missing !== null ? (
                <MissingHardwareNotice missing={missing} />
              ) : (
                <p className="hint" data-testid="card-waiting">
                  {t(demo ? 'demo.cardWaiting' : 'frontdesk.waiting')}
                </p>
              )}
              <button type="button" className="secondary" onClick={() => setManual(true)} data-testid="manual-open">
                {t('frontdesk.manual.open')}
              </button>
            </div>
          )}
          {session.phase === 'idle' && !manual && found === null && settings.hcode !== null && (
            <PatientSearch hcode={settings.hcode} onPick={pick} />
          )}
          {session.phase === 'error' && !manual && (
            <div className="card" role="alert" data-testid="card-error">
              <p className="problem">{errorMessage(session.errorCode ?? 'internal')}</p>
              <button type="button" className="secondary" onClick={() => setManual(true)}>
                {t('frontdesk.manual.open')}
              </button>
            </div>
          )}
          {session.phase === 'ready' && session.card !== null && !manual && (
            <>
              <CardRegistration card={session.card} photo={session.photo} />
              <CardRights extras={session.extras} />
              <VisitDetailsFields value={shownVisitInput} onChange={setVisitInput} points={points} />
              <AuthenFields value={authenInput} onChange={setAuthenInput} />
              <div className="actions">
                <button
                  type="button"
                  disabled={busy || records === null || waitingForPhoto}
                  onClick={saveCard}
                  data-testid="save-visit"
                >
                  {waitingForPhoto ? t('frontdesk.waitPhoto') : t('frontdesk.saveVisit')}
                </button>
              </div>
            </>
          )}
          {manual && <VisitDetailsFields value={shownVisitInput} onChange={setVisitInput} points={points} />}
          {manual && <AuthenFields value={authenInput} onChange={setAuthenInput} />}
          {manual && (
            <ManualEntry
              busy={busy || records === null}
              onSubmit={(card) => void saveCardOrManual(card, 'manual')}
              onCancel={() => setManual(false)}
            />
          )}
          {problem !== null && (
            <p className="problem" role="alert" data-testid="save-problem">
              {errorMessage(problem)}
            </p>
          )}
        </div>
        <TodayQueue refreshKey={refreshKey} slips={slips} />
      </div>
    </section>
  );
}
