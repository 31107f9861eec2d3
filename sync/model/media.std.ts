/**
 * FHIR R4 Media: a patient's photo from the ID card, kept apart from the Patient so the Patient stays small
 * and a station's pull (every Patient of the hospital, sync/replication/workingSet.std.ts) never carries
 * photos. The bytes are the document's one attachment; `content` describes them (size, SHA-1 as FHIR's
 * Attachment.hash). The id is a content id (contentId.std.ts), so a photo never changes and two stations
 * never write the same id: a new card photo is a new Media, and Patient.photo points at the latest one.
 */
import { z } from 'zod';
import { sha1 } from '@noble/hashes/legacy.js';
import { Attachment, FhirId, Meta, Reference, docId, envelope } from './fhir.std.js';
import { buildMeta, type EntrySource } from './meta.std.js';
import { withContentId } from './contentId.std.js';
import { base64ToBytes, bytesToBase64 } from './base64.std.js';

export const PHOTO_NAME = 'photo.jpg';

export const MediaDoc = z.strictObject({
  ...envelope,
  resourceType: z.literal('Media'),
  id: FhirId,
  meta: Meta,
  status: z.literal('completed'),
  subject: Reference,
  content: Attachment,
});
export type MediaDoc = z.infer<typeof MediaDoc>;

export interface PhotoContext {
  readonly patientId: string;
  readonly stationId: string;
  readonly at: string;
  readonly source: EntrySource;
  /** A time id (createIdFactory): the content id is `<time id>-<hash>`. */
  readonly timeId: string;
}

/** The card's photo (base64 JPEG) as its own Media record about the patient. */
export function photoMedia(base64: string, context: PhotoContext): MediaDoc {
  const bytes = base64ToBytes(base64);
  const doc: MediaDoc = {
    _id: docId('Media', 'pending'),
    resourceType: 'Media',
    id: 'pending',
    meta: buildMeta({ stationId: context.stationId, at: context.at, source: context.source }),
    status: 'completed',
    subject: { reference: `Patient/${context.patientId}` },
    content: {
      contentType: 'image/jpeg',
      title: PHOTO_NAME,
      creation: context.at,
      size: bytes.length,
      hash: bytesToBase64(sha1(bytes)),
    },
    _attachments: { [PHOTO_NAME]: { content_type: 'image/jpeg', data: base64 } },
  };
  return MediaDoc.parse(withContentId(doc, context.timeId));
}
