/**
 * NHSO authen code through the NHSO Secure Smart Card Agent on this station (electron/services/nhso). The front
 * desk asks for a code when it saves a visit; main keeps the request in the station database and retries it
 * while the agent or the NHSO cannot be reached, emitting `nhso.authen` at every change. The page writes the
 * code on the Encounter (it owns the clinical store) and says so with `nhso.markStored`.
 * No output or event carries the citizen id or the mobile number: only the page's own input does.
 */
import { z } from 'zod';
import { command } from './define.std.js';
import type { Bilingual } from '../../sync/model/bilingual.std.js';
import { nhsoErrorCodes, type NhsoErrorCode } from './nhsoErrors.std.js';

/** The agent's claim (service) types, as public hospital apps send them (reference §3.4), in a clerk's words. */
export const claimTypeText = {
  PG0060001: { th: 'บริการทั่วไป (ผู้ป่วยนอก/ใน/ส่งเสริมป้องกัน)', en: 'General OPD / IPD / prevention' },
  PG0110001: { th: 'แยกกักตัวที่บ้าน', en: 'Self isolation' },
  PG0120001: { th: 'UCEP PLUS', en: 'UCEP PLUS' },
  PG0130001: { th: 'ฟอกเลือดด้วยเครื่องไตเทียม (HD)', en: 'Haemodialysis (HD)' },
  PG0180001: { th: 'ตรวจสุขภาพตามกลุ่มวัย (กรุงเทพฯ)', en: 'Age-group check-up (Bangkok)' },
} as const satisfies Record<string, Bilingual>;
export type ClaimType = keyof typeof claimTypeText;
export const ClaimType = z.enum(Object.keys(claimTypeText) as [ClaimType, ...ClaimType[]]);
export const DEFAULT_CLAIM_TYPE: ClaimType = 'PG0060001';

/** A Thai mobile number as the agent takes it: 10 digits starting 0 (the page strips spaces and dashes). */
export const MobileNumber = z.string().regex(/^0\d{9}$/, 'mobile: 10 digits starting with 0');
const Cid = z.string().regex(/^\d{13}$/);
const NhsoErrorCodeSchema = z.enum(nhsoErrorCodes as [NhsoErrorCode, ...NhsoErrorCode[]]);

/** pending: not yet answered; retrying: a try failed in a way that may pass; got_code; failed: will not be retried. */
export const AuthenState = z.enum(['pending', 'retrying', 'got_code', 'failed']);
export type AuthenState = z.infer<typeof AuthenState>;

export const AuthenRequest = z.object({
  id: z.string(),
  encounterId: z.string(),
  patientId: z.string(),
  claimType: ClaimType,
  state: AuthenState,
  attempts: z.number().int().nonnegative(),
  /** ISO time of the next automatic try (retrying only). */
  nextAttemptAt: z.string().nullable(),
  /** Why the last try failed (retrying) or why the request ended (failed). */
  errorCode: NhsoErrorCodeSchema.nullable(),
  claimCode: z.string().nullable(),
  /** When the NHSO issued the code, as the agent says it. */
  claimedAt: z.string().nullable(),
  /** The page wrote the code on the Encounter. */
  storedOnEncounter: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AuthenRequest = z.infer<typeof AuthenRequest>;

/** What the agent's smartcard read says about the right to care (no person fields: the station's own read has them). */
export const AgentRights = z.object({
  mainInscl: z.string().nullable(),
  subInscl: z.string().nullable(),
  hospMain: z.object({ hcode: z.string(), hname: z.string() }).nullable(),
  hospSub: z.object({ hcode: z.string(), hname: z.string() }).nullable(),
  claimTypes: z.array(z.object({ claimType: z.string(), claimTypeName: z.string() })),
  correlationId: z.string().nullable(),
});
export type AgentRights = z.infer<typeof AgentRights>;

export const LatestAuthen = z.object({
  claimCode: z.string(),
  claimType: z.string().nullable(),
  claimedAt: z.string().nullable(),
});
export type LatestAuthen = z.infer<typeof LatestAuthen>;

export const NhsoSettings = z.object({ agentUrl: z.string() });
export type NhsoSettings = z.infer<typeof NhsoSettings>;

export const nhsoCommands = {
  /** Queue a request for this visit and try it at once; answers the request's state after that first try. */
  'nhso.requestAuthen': command(
    z
      .object({
        encounterId: z.string().min(1).max(100),
        patientId: z.string().min(1).max(100),
        cid: Cid,
        mobile: MobileNumber,
        claimType: ClaimType,
        hn: z.string().max(20).optional(),
      })
      .strict(),
    AuthenRequest,
  ),
  /** The station's requests (those of the visits named, or all it keeps: open ones and the last 2 days'). */
  'nhso.authenRequests': command(
    z.object({ encounterIds: z.array(z.string().max(100)).max(1000).optional() }).strict(),
    z.array(AuthenRequest),
  ),
  /** The page stored the code on the Encounter. */
  'nhso.markStored': command(z.object({ id: z.string().max(100) }).strict(), AuthenRequest),
  /** Try every open request now (the clerk's "send again"), whatever their back-off says. */
  'nhso.retryNow': command(z.object({}).strict(), z.array(AuthenRequest)),
  'nhso.readRights': command(z.object({}).strict(), AgentRights),
  'nhso.latestAuthen': command(z.object({ cid: Cid }).strict(), LatestAuthen),
  'nhso.settings': command(z.object({}).strict(), NhsoSettings),
  'nhso.setAgentUrl': command(z.object({ agentUrl: z.string().max(200) }).strict(), NhsoSettings),
} as const;

export const nhsoEvents = {
  'nhso.authen': AuthenRequest,
} as const;
