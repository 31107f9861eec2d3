/** The app's metadata inside FHIR `meta`: schema version tag, entry source, station, per-field change times. */
import type { Extension, Meta } from './fhir.std.js';
import { DEMO_TAG, FIELD_TIMES_EXT, SCHEMA_TAG, SOURCE_TAG, stationSource } from './systems.std.js';

/** Bump when the shape of stored documents changes, and add a step in migrate.std.ts. */
export const SCHEMA_VERSION = 2;

export type EntrySource = 'card' | 'manual' | 'device' | 'system';

export function buildMeta(options: {
  stationId: string;
  at: string;
  source: EntrySource;
  fieldTimes?: Record<string, string>;
  profile?: string[];
}): Meta {
  const meta: Meta = {
    lastUpdated: options.at,
    source: stationSource(options.stationId),
    tag: [
      { system: SCHEMA_TAG, code: String(SCHEMA_VERSION) },
      { system: SOURCE_TAG, code: options.source },
    ],
  };
  if (options.profile !== undefined) meta.profile = options.profile;
  if (options.fieldTimes !== undefined) meta.extension = [fieldTimesExtension(options.fieldTimes)];
  return meta;
}

export function schemaVersionOf(meta: Meta | undefined): number {
  const code = meta?.tag?.find((tag) => tag.system === SCHEMA_TAG)?.code;
  const version = code === undefined ? 1 : Number.parseInt(code, 10);
  return Number.isFinite(version) ? version : 1;
}

export function fieldTimesExtension(times: Record<string, string>): Extension {
  return {
    url: FIELD_TIMES_EXT,
    extension: Object.keys(times)
      .sort()
      .map((field) => ({ url: field, valueInstant: times[field] ?? '' })),
  };
}

export function readFieldTimes(meta: Meta | undefined): Record<string, string> {
  const ext = meta?.extension?.find((item) => item.url === FIELD_TIMES_EXT);
  const out: Record<string, string> = {};
  for (const item of ext?.extension ?? []) if (item.valueInstant !== undefined) out[item.url] = item.valueInstant;
  return out;
}

export function withFieldTimes(meta: Meta, times: Record<string, string>): Meta {
  const others = (meta.extension ?? []).filter((item) => item.url !== FIELD_TIMES_EXT);
  return { ...meta, extension: [...others, fieldTimesExtension(times)] };
}

export function isDemoTagged(meta: Meta | undefined): boolean {
  return meta?.tag?.some((tag) => tag.system === DEMO_TAG.system && tag.code === DEMO_TAG.code) ?? false;
}

/** The same meta with the demo tag added once (other tags kept in order). */
export function withDemoTag(meta: Meta | undefined): Meta {
  if (isDemoTagged(meta)) return meta ?? {};
  return { ...meta, tag: [...(meta?.tag ?? []), { system: DEMO_TAG.system, code: DEMO_TAG.code }] };
}
