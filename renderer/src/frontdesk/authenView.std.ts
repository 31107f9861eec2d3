/**
 * What the front desk says about a visit's NHSO authen code, decided in one place: the code on the Encounter
 * (stored here or on another station) wins; else this station's request says how far it got. Never a raw code
 * of ours on screen: each state and reason has words (th.json/en.json `frontdesk.authen`).
 */
import type { AuthenRequest } from '../../../electron/contract/nhso.std.js';
import type { NhsoErrorCode } from '../../../electron/contract/nhsoErrors.std.js';

export type AuthenView =
  | { readonly kind: 'none' }
  | { readonly kind: 'asking' }
  | { readonly kind: 'got'; readonly claimCode: string }
  | { readonly kind: 'waiting'; readonly reason: 'agent' | 'network' | 'slow' }
  | { readonly kind: 'failed'; readonly errorCode: NhsoErrorCode | null };

export function authenView(claimCodeOnVisit: string | null, request: AuthenRequest | null | undefined): AuthenView {
  if (claimCodeOnVisit !== null) return { kind: 'got', claimCode: claimCodeOnVisit };
  if (request === null || request === undefined) return { kind: 'none' };
  switch (request.state) {
    case 'got_code':
      return request.claimCode === null ? { kind: 'asking' } : { kind: 'got', claimCode: request.claimCode };
    case 'pending':
      return { kind: 'asking' };
    case 'retrying':
      return {
        kind: 'waiting',
        reason:
          request.errorCode === 'nhso_agent_unreachable'
            ? 'agent'
            : request.errorCode === 'nhso_agent_timeout'
              ? 'slow'
              : 'network',
      };
    case 'failed':
      return { kind: 'failed', errorCode: request.errorCode };
  }
}

/** The i18n key of a view's words (`frontdesk.authen.<key>`). */
export function authenWordsKey(view: AuthenView): string {
  switch (view.kind) {
    case 'waiting':
      return `waiting.${view.reason}`;
    default:
      return view.kind;
  }
}

/** A mobile number as clerks type it (spaces, dashes, +66) → the agent's 10 digits; '' stays '' (no request). */
export function normalizeMobile(text: string): string | null {
  const digits = text.replace(/[\s\-().]/g, '');
  if (digits === '') return '';
  const local = digits.startsWith('+66') ? `0${digits.slice(3)}` : digits;
  return /^0\d{9}$/.test(local) ? local : null;
}
