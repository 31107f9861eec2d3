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
import { registerVisit, type RegisteredVisit } from './registerVisit.dom.js';
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
  const cardStatus = useCardStatus();
  const slips = useSlipPrinter(settings);
  const demo = settings.mode === 'demo';
  const missing = demo ? null : missingCardReader(cardStatus);

  async function save(card: PersonDetails, source: 'card' | 'manual'): Promise<void> {
    if (records === null) return;
    const mobile = normalizeMobile(authenInput.mobile);
    if (mobile === null) return setProblem('nhso_mobile_invalid');
    setBusy(true);
    setProblem(null);
    try {
      const visit = await registerVisit(records, ids, settings, card, source, undefined, mobile === '' ? undefined : { mobile, claimType: authenInput.claimType });
      setAuthenInput({ mobile: '', claimType: DEFAULT_CLAIM_TYPE });
      setSaved({ ...visit, cid: card.cid });
      // "Save and issue queue ticket": the slip prints after the visit is stored; a failed print loses nothing.
      slips.remember(visit.encounterId, source === 'card' ? (session.extras?.nhso?.mainInscl ?? null) : null);
      void printSavedSlip(visit.encounterId, visit.authen?.claimCode ?? null, false);
      setManual(false);
      setRefreshKey((key) => key + 1);
      if (source === 'card' && session.card !== null && session.photo.state === 'done' && session.photo.sha256 !== null) {
        await invoke('card.markPhotoStored', { cid: session.card.cid, issueDate: session.card.issueDate, sha256: session.photo.sha256 });
      }
      dispatch({ type: 'clear' });
    } catch (error) {
      setProblem(isEdgeError(error) ? error.code : 'storage_failed');
    } finally {
      setBusy(false);
    }
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
    void save({ ...card, photo, address: card.address }, 'card');
  }

  const waitingForPhoto = session.card !== null && !photoSettled(session.photo);

  return (
    <section className="workspace" data-testid="workspace-frontdesk">
      <h2>{t('frontdesk.title')}</h2>
      {storeError !== null && <p className="problem">{errorMessage('storage_failed')}</p>}
      <div className="grid">
        <div>
          {saved !== null && session.phase === 'idle' && !manual && (
            <div className="card saved" data-testid="visit-saved">
              <p>{t(saved.isNewPatient ? 'frontdesk.savedNew' : 'frontdesk.savedReturning')}</p>
              <p className="queue-big" data-testid="saved-queue-number">
                {saved.queueNumber}
              </p>
              <SlipStatus state={slips.states.get(saved.encounterId)} onPrint={() => void printSavedSlip(saved.encounterId, saved.authen?.claimCode ?? null, true)} />
              <p data-testid="saved-authen">
                <AuthenState encounter={{ id: saved.encounterId }} detail />
              </p>
              <AuthenRetry encounterId={saved.encounterId} />
              <AuthenAskAgain visit={saved} />
              {saved.authenError !== null && <p className="problem">{errorMessage(saved.authenError)}</p>}
            </div>
          )}
          {demo && <DemoCardControls status={cardStatus} />}
          {session.phase === 'idle' && !manual && (
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
              <AuthenFields value={authenInput} onChange={setAuthenInput} />
              <div className="actions">
                <button type="button" disabled={busy || records === null || waitingForPhoto} onClick={saveCard} data-testid="save-visit">
                  {waitingForPhoto ? t('frontdesk.waitPhoto') : t('frontdesk.saveVisit')}
                </button>
              </div>
            </>
          )}
          {manual && <AuthenFields value={authenInput} onChange={setAuthenInput} />}
          {manual && <ManualEntry busy={busy || records === null} onSubmit={(card) => void save(card, 'manual')} onCancel={() => setManual(false)} />}
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
