/**
 * Saving at the front desk: create or update the FHIR Patient from the card (or a manual entry), then open
 * a visit (Encounter) with this station's next queue number. The patient id comes from main (a keyed hash
 * of the CID; the hospital key never reaches the page). The patient is written before the visit, so a
 * failure can leave a registered patient without a visit (retry adds it), never a visit without a patient.
 * With a mobile number, main is then asked for the visit's NHSO authen code: it answers after one try and keeps
 * the request queued when the agent or the NHSO cannot be reached; the visit is saved whatever that answer.
 */
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { StoreError, writeFailureCode } from '../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { photoMedia } from '../../../sync/model/media.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import type { PersonDetails } from '../../../sync/model/personDetails.std.js';
import type { IdFactory } from '../../../sync/model/ids.std.js';
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

export async function registerVisit(
  records: DataContext,
  ids: IdFactory,
  settings: StationSettings,
  card: PersonDetails,
  source: 'card' | 'manual',
  reason?: string,
  authen?: AuthenAsk,
): Promise<RegisteredVisit> {
  if (settings.hcode === null || settings.queuePrefix === null) throw new EdgeError('not_configured', 'station has no hospital code or queue prefix');
  const queuePrefix = settings.queuePrefix;
  const patientId = await patientIdFor(card.cid);
  const at = new Date().toISOString();
  const context = { patientId, hcode: settings.hcode, stationId: settings.stationId, at, source } as const;

  // The same person registered under an earlier key (before IT configured central) is merged first.
  const merged = await mergeOthersOf(records, card.cid, patientId, { at, stationId: settings.stationId }).catch((error: unknown) => {
    throw toEdgeError(error);
  });
  await auditMerges(merged);
  let existing = await records.patientById(patientId);
  // The photo is its own record, saved first: a Patient never points at a photo the store lacks.
  const photo = card.photo == null ? null : photoMedia(card.photo.base64, { ...context, timeId: ids() });
  if (photo !== null) {
    await records.save(photo).catch((error: unknown) => {
      throw toEdgeError(error);
    });
  }
  let saved = false;
  // Another station's revision may arrive by sync between our read and our write: re-read once and redo.
  for (let attempt = 0; attempt < 2 && !saved; attempt += 1) {
    try {
      await records.save(patientFromCard(card, { ...context, existing, photo }));
      saved = true;
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'conflict' || attempt > 0) throw toEdgeError(error);
      existing = await records.patientById(patientId);
    }
  }

  const queueNumber = await records.nextQueueNumber(queuePrefix, new Date(at));
  const encounterId = ids();
  try {
    await records.save(newVisit({ encounterId, patientId, hcode: settings.hcode, stationId: settings.stationId, at, queueNumber, reason }));
  } catch (error) {
    throw toEdgeError(error);
  }
  // The patient just registered is the one this station's bedside devices now measure (the Vitals tab).
  await invoke('devices.bind', { patientRef: patientId });
  const asked = authen === undefined ? null : await invoke('nhso.requestAuthen', { encounterId, patientId, cid: card.cid, mobile: authen.mobile, claimType: authen.claimType });
  return {
    patientId,
    encounterId,
    queueNumber,
    isNewPatient: existing === null,
    authen: asked?.ok === true ? asked.value : null,
    authenError: asked?.ok === false ? asked.error.code : null,
  };
}

function toEdgeError(error: unknown): EdgeError {
  if (error instanceof EdgeError) return error;
  return new EdgeError(writeFailureCode(error), errorMessage(error));
}
