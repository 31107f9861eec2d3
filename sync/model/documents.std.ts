/** Every document kind the app stores, as one discriminated union, plus the schema-version migration. */
import { z } from 'zod';
import { PatientDoc } from './patient.std.js';
import { EncounterDoc } from './encounter.std.js';
import { ObservationDoc } from './observation.std.js';
import { DeviceDoc } from './device.std.js';
import { AuditEventDoc } from './auditEvent.std.js';
import { MediaDoc } from './media.std.js';
import { SCHEMA_VERSION, schemaVersionOf } from './meta.std.js';
import { LANGUAGE_EXT, OBSERVATION_CATEGORY, SCHEMA_TAG } from './systems.std.js';
import type { Meta } from './fhir.std.js';

export const StoredDoc = z.discriminatedUnion('resourceType', [
  PatientDoc,
  EncounterDoc,
  ObservationDoc,
  DeviceDoc,
  AuditEventDoc,
  MediaDoc,
]);
export type StoredDoc = z.infer<typeof StoredDoc>;
export type ResourceType = StoredDoc['resourceType'];
export const RESOURCE_TYPES: readonly ResourceType[] = [
  'Patient',
  'Encounter',
  'Observation',
  'Device',
  'AuditEvent',
  'Media',
];

type Loose = Record<string, unknown> & { resourceType?: unknown; meta?: Meta };

/**
 * Brings a document stored under an earlier schema version up to SCHEMA_VERSION. Version 1 (before the schema tag) wrote
 * names without the language extension and vital signs without their category; version 2 adds both and the
 * tag. Pure and idempotent: a current document comes back unchanged (`changed: false`).
 */
export function migrateDoc(input: Loose): { doc: Loose; changed: boolean; from: number } {
  const from = schemaVersionOf(input.meta);
  if (from >= SCHEMA_VERSION) return { doc: input, changed: false, from };
  const doc: Loose = structuredCloneJson(input);
  if (from < 2) {
    if (doc.resourceType === 'Patient' && Array.isArray(doc['name'])) {
      doc['name'] = (doc['name'] as Record<string, unknown>[]).map((name) => {
        const ext = Array.isArray(name['extension']) ? (name['extension'] as { url: string }[]) : [];
        if (ext.some((item) => item.url === LANGUAGE_EXT)) return name;
        const text = [
          name['text'],
          name['family'],
          ...(Array.isArray(name['given']) ? (name['given'] as unknown[]) : []),
        ].join(' ');
        return {
          ...name,
          extension: [...ext, { url: LANGUAGE_EXT, valueCode: /[\u0E00-\u0E7F]/.test(text) ? 'th' : 'en' }],
        };
      });
    }
    if (doc.resourceType === 'Observation' && (!Array.isArray(doc['category']) || doc['category'].length === 0)) {
      doc['category'] = [
        {
          coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }],
          text: 'Vital Signs',
        },
      ];
    }
  }
  const meta: Meta = { ...(doc.meta ?? {}) };
  meta.tag = [
    ...(meta.tag ?? []).filter((tag) => tag.system !== SCHEMA_TAG),
    { system: SCHEMA_TAG, code: String(SCHEMA_VERSION) },
  ];
  doc.meta = meta;
  return { doc, changed: true, from };
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Parse any stored document (migrating it first); null for design docs, `_local` docs and foreign shapes. */
export function readStoredDoc(input: unknown): StoredDoc | null {
  if (typeof input !== 'object' || input === null) return null;
  const { doc } = migrateDoc(input as Loose);
  const parsed = StoredDoc.safeParse(doc);
  return parsed.success ? parsed.data : null;
}
