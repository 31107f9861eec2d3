/**
 * Saving at the front desk: create or update the FHIR Patient from the card (or a manual entry), or take the
 * returning patient a search found, then open a visit (Encounter) with this station's next queue number and the
 * visit details chosen (clinic, visit type, the card's right). The patient id comes from main (a keyed hash of the
 * CID; the hospital key never reaches the page), so a patient found by search gets their visit under the same id a
 * card read would give, and records of the same person under an earlier key are merged first: never a second
 * Patient. The patient is written before the visit, so a failure can leave a registered patient without a visit
 * (retry adds it), never a visit without a patient.
 * With a mobile number, main is then asked for the visit's NHSO authen code: it answers after one try and keeps
 * the request queued when the agent or the NHSO cannot be reached; the visit is saved whatever that answer.
 */
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { StoreError, writeFailureCode } from '../../../sync/store/dataContext.dom.js';
import { patientCid, patientFromCard, withMobile, type PatientDoc } from '../../../sync/model/patient.std.js';
import { photoMedia } from '../../../sync/model/media.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import type { PersonDetails } from '../../../sync/model/personDetails.std.js';
import type { IdFactory } from '../../../sync/model/ids.std.js';
import type { VisitDetails } from '../../../sync/model/visitDetails.std.js';
import type { StationSettings } from '../../../electron/contract/settings.std.js';
import { EdgeError } from '../../../electron/contract/result.std.js';
import { invoke } from '../bridge/client.dom.js';
import { mergeOthersOf } from '../../../sync/store/identityMerge.dom.js';
import { auditMerges, patientIdFor } from '../records/identity.dom.js';
import type { AuthenRequest, ClaimType } from '../../../electron/contract/nhso.std.js';
import type { ErrorCode } from '../../../electron/contract/errors.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export interface RegisteredVisit {
  readonly patientId: string;
  readonly encounterId: string;
  readonly queueNumber: string;
  readonly isNewPatient: boolean;
  /** This station's authen request for the visit (null when no mobile number was given or main refused it). */
  readonly authen: AuthenRequest | null;
  /** Why main refused to queue the request (the visit is saved all the same). */
  readonly authenError: ErrorCode | null;
}

export interface AuthenAsk {
  /** 10 digits starting with 0, already normalised. */
  readonly mobile: string;
  readonly claimType: ClaimType;
}

/** What the clerk asked for besides the patient: visit details, the authen code, a reason typed. */
export interface VisitAsk {
  readonly details?: VisitDetails | undefined;
  readonly authen?: AuthenAsk | undefined;
  readonly reason?: string | undefined;
}

interface Station {
  readonly hcode: string;
  readonly queuePrefix: string;
  readonly stationId: string;
}

function stationOf(settings: StationSettings): Station {
  if (settings.hcode === null || settings.queuePrefix === null)
    throw new EdgeError('not_configured', 'station has no hospital code or queue prefix');
  return { hcode: settings.hcode, queuePrefix: settings.queuePrefix, stationId: settings.stationId };
}

/** The person's records under an earlier key merged into `patientId` (audited in main). */
async function mergeEarlierRecords(
  records: DataContext,
  cid: string,
  patientId: string,
  at: string,
  stationId: string,
): Promise<void> {
  const merged = await mergeOthersOf(records, cid, patientId, { at, stationId }).catch((error: unknown) => {
    throw toEdgeError(error);
  });
  await auditMerges(merged);
}

/** Writes `build(stored)`; another station's revision arriving by sync between read and write is re-read once. */
async function savePatient(
  records: DataContext,
  patientId: string,
  build: (existing: PatientDoc | null) => PatientDoc | null,
): Promise<PatientDoc | null> {
  let existing = await records.patientById(patientId);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const next = build(existing);
    if (next === null) return existing;
    try {
      await records.save(next);
      return existing;
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'conflict' || attempt > 0) throw toEdgeError(error);
      existing = await records.patientById(patientId);
    }
  }
  return existing;
}

export async function registerVisit(
  records: DataContext,
  ids: IdFactory,
  settings: StationSettings,
  card: PersonDetails,
  source: 'card' | 'manual',
  ask: VisitAsk = {},
): Promise<RegisteredVisit> {
  const station = stationOf(settings);
  const patientId = await patientIdFor(card.cid);
  const at = new Date().toISOString();
  // The same person registered under an earlier key (before IT configured central) is merged first.
  await mergeEarlierRecords(records, card.cid, patientId, at, station.stationId);
  const context = {
    patientId,
    hcode: station.hcode,
    stationId: station.stationId,
    at,
    source,
    mobile: ask.authen?.mobile,
  } as const;
  // The photo is its own record, saved first: a Patient never points at a photo the store lacks.
  const photo = card.photo == null ? null : photoMedia(card.photo.base64, { ...context, timeId: ids() });
  if (photo !== null) {
    await records.save(photo).catch((error: unknown) => {
      throw toEdgeError(error);
    });
  }
  const existing = await savePatient(records, patientId, (stored) =>
    patientFromCard(card, { ...context, existing: stored, photo }),
  );
  return openVisit(records, ids, station, { patientId, cid: card.cid, isNewPatient: existing === null, at }, ask);
}

/**
 * A visit for a returning patient the search found (no card): the id their CID has under the key in use, after
 * merging any record of theirs under another id, so the visit lands on the one Patient a card read would find.
 * A mobile number given becomes theirs; nothing else of the record changes.
 */
export async function registerFoundPatient(
  records: DataContext,
  ids: IdFactory,
  settings: StationSettings,
  found: PatientDoc,
  ask: VisitAsk = {},
): Promise<RegisteredVisit & { readonly cid: string | null }> {
  const station = stationOf(settings);
  const at = new Date().toISOString();
  const cid = patientCid(found);
  const patientId = cid === null ? found.id : await patientIdFor(cid);
  if (cid !== null) await mergeEarlierRecords(records, cid, patientId, at, station.stationId);
  const mobile = ask.authen?.mobile;
  if (mobile !== undefined)
    await savePatient(records, patientId, (stored) =>
      stored === null ? null : withMobile(stored, mobile, { at, stationId: station.stationId }),
    );
  // Without a CID no authen code can be asked for (the NHSO keys it by CID).
  const visit = await openVisit(
    records,
    ids,
    station,
    { patientId, cid, isNewPatient: false, at },
    cid === null ? { ...ask, authen: undefined } : ask,
  );
  return { ...visit, cid };
}

interface VisitPatient {
  readonly patientId: string;
  readonly cid: string | null;
  readonly isNewPatient: boolean;
  readonly at: string;
}

async function openVisit(
  records: DataContext,
  ids: IdFactory,
  station: Station,
  patient: VisitPatient,
  ask: VisitAsk,
): Promise<RegisteredVisit> {
  const { patientId, at } = patient;
  const queueNumber = await records.nextQueueNumber(station.queuePrefix, new Date(at));
  const encounterId = ids();
  try {
    await records.save(
      newVisit({
        encounterId,
        patientId,
        hcode: station.hcode,
        stationId: station.stationId,
        at,
        queueNumber,
        reason: ask.reason,
        details: ask.details,
      }),
    );
  } catch (error) {
    throw toEdgeError(error);
  }
  // The visit waits in today's queue: the screening nurse calls it (that binds the bedside devices), not the desk.
  const authen = ask.authen;
  const asked =
    authen === undefined || patient.cid === null
      ? null
      : await invoke('nhso.requestAuthen', {
          encounterId,
          patientId,
          cid: patient.cid,
          mobile: authen.mobile,
          claimType: authen.claimType,
        });
  return {
    patientId,
    encounterId,
    queueNumber,
    isNewPatient: patient.isNewPatient,
    authen: asked?.ok === true ? asked.value : null,
    authenError: asked?.ok === false ? asked.error.code : null,
  };
}

function toEdgeError(error: unknown): EdgeError {
  if (error instanceof EdgeError) return error;
  return new EdgeError(writeFailureCode(error), errorMessage(error));
}
