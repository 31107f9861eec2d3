/** Station identity and settings: first-run setup, language, what the header shows. */
import { z } from 'zod';
import { command } from './define.std.js';
import { QueuePrefix, queuePrefixFor } from '../../sync/model/encounter.std.js';
import { STATION_NAME } from '../../sync/central/designDocs.std.js';

/** A MOPH hospital code (hcode) is exactly 5 digits. */
export const Hcode = z.string().regex(/^\d{5}$/, 'hcode must be 5 digits');
/**
 * The letters in front of this station's queue numbers. Each station of a hospital has its own, so
 * two stations working offline can never hand out the same number. The record model owns the rule and the
 * suggestion from the station name (the same one central provisioning prints).
 */
export { QueuePrefix, queuePrefixFor as suggestQueuePrefix };
export const Language = z.enum(['th', 'en']);
/**
 * A demo station runs a virtual card and simulated devices, shows a badge on every screen and tags every
 * record it writes; a real station uses only real hardware. Chosen at first-run setup, kept for good.
 */
export const StationMode = z.enum(['real', 'demo']);
export type StationMode = z.infer<typeof StationMode>;

export type Language = z.infer<typeof Language>;

export const StationSettings = z.object({
  configured: z.boolean(),
  hcode: Hcode.nullable(),
  stationId: z.string(),
  stationName: z.string().nullable(),
  queuePrefix: QueuePrefix.nullable(),
  centralUrl: z.string().nullable(),
  language: Language,
  /** The stored mode once set up; before that, what setup offers (demo only when EDGE_DEMO=1). */
  mode: StationMode,
});
export type StationSettings = z.infer<typeof StationSettings>;

export const SetupInput = z.object({
  hcode: Hcode,
  stationName: z.string().trim().min(1).max(60),
  /** Defaults to one derived from the station name (suggestQueuePrefix); IT should pick a distinct one per station. */
  queuePrefix: QueuePrefix.optional(),
  /**
   * The station's name on central (`npm run central -- provision --station <code>`): the station writes every
   * record as central user `st-<hcode>-<code>`, which central's validate_doc_update requires as the author.
   * Defaults to the queue prefix in lower case (provisioning derives the prefix from the code the same way).
   */
  stationCode: z.string().regex(STATION_NAME, 'station code: 1-16 of a-z 0-9 -').optional(),
  centralUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  /** Real unless demo is chosen on purpose; a station set up already keeps its mode (`station_mode_fixed`). */
  mode: StationMode.optional(),
});
export type SetupInput = z.infer<typeof SetupInput>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  station: z.string(),
  actor: z.string(),
  action: z.string(),
  subjectHash: z.string().nullable(),
  /** Written by a demo station (migration 8): never a real patient's trail. */
  demo: z.boolean(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const CheckVerdict = z.enum(['ok', 'warn', 'fail']);
export const DoctorCheck = z.object({
  id: z.string(),
  verdict: CheckVerdict,
  th: z.string(),
  en: z.string(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

const empty = z.object({}).strict();

export const settingsCommands = {
  'settings.get': command(empty, StationSettings),
  'settings.setup': command(SetupInput, StationSettings),
  'settings.setLanguage': command(z.object({ language: Language }).strict(), StationSettings),
  'audit.recent': command(z.object({ limit: z.number().int().min(1).max(500) }).strict(), z.array(AuditEntry)),
  'diagnostics.run': command(empty, z.array(DoctorCheck)),
} as const;

export const settingsEvents = {
  'settings.changed': StationSettings,
} as const;
