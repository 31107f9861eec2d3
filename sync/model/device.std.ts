/** FHIR R4 Device: a bedside device a reading came from, with a stable id per hospital, station and device. */
import { z } from 'zod';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { FhirId, Identifier, Meta, envelope, docId } from './fhir.std.js';
import { buildMeta } from './meta.std.js';
import { thLocalSystem } from './systems.std.js';

export const DeviceDoc = z.strictObject({
  ...envelope,
  resourceType: z.literal('Device'),
  id: FhirId,
  meta: Meta,
  identifier: z.array(Identifier).optional(),
  status: z.enum(['active', 'inactive', 'entered-in-error', 'unknown']).optional(),
  manufacturer: z.string().optional(),
  serialNumber: z.string().optional(),
  modelNumber: z.string().optional(),
  deviceName: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        type: z.enum([
          'udi-label-name',
          'user-friendly-name',
          'patient-reported-name',
          'manufacturer-name',
          'model-name',
          'other',
        ]),
      }),
    )
    .optional(),
});
export type DeviceDoc = z.infer<typeof DeviceDoc>;

export interface DeviceInput {
  readonly hcode: string;
  readonly stationId: string;
  readonly at: string;
  /** Driver profile name (omron-hbp9030, hl7-mllp, …). */
  readonly profile: string;
  /** Port or serial that tells two devices of one profile apart on a station. */
  readonly serialOrPort: string;
  readonly manufacturer?: string | undefined;
  readonly model?: string | undefined;
  readonly friendlyName?: string | undefined;
}

export function deviceIdFor(input: Pick<DeviceInput, 'hcode' | 'stationId' | 'profile' | 'serialOrPort'>): string {
  const digest = bytesToHex(
    sha256(new TextEncoder().encode([input.hcode, input.stationId, input.profile, input.serialOrPort].join('\u0000'))),
  );
  return `d${digest.slice(0, 32)}`;
}

export function deviceDoc(input: DeviceInput): DeviceDoc {
  const id = deviceIdFor(input);
  const doc: DeviceDoc = {
    _id: docId('Device', id),
    resourceType: 'Device',
    id,
    meta: buildMeta({ stationId: input.stationId, at: input.at, source: 'system' }),
    identifier: [{ system: thLocalSystem(input.hcode, 'Device'), value: `${input.profile}:${input.serialOrPort}` }],
    status: 'active',
    deviceName: [{ name: input.friendlyName ?? input.profile, type: 'user-friendly-name' }],
  };
  if (input.manufacturer !== undefined) doc.manufacturer = input.manufacturer;
  if (input.model !== undefined) doc.modelNumber = input.model;
  return DeviceDoc.parse(doc);
}
