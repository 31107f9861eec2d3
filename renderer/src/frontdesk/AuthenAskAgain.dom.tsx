/**
 * On the visit just saved: ask for the authen code when none was asked (no mobile number given) or the NHSO refused
 * (a wrong mobile number, another claim type). The citizen id is the one the page saved the visit with.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CLAIM_TYPE } from '../../../electron/contract/nhso.std.js';
import type { ErrorCode } from '../../../electron/contract/errors.std.js';
import { invoke } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { useAuthenRequests } from './AuthenProvider.dom.js';
import { AuthenFields, type AuthenInput } from './AuthenFields.dom.js';
import { authenView, normalizeMobile } from './authenView.std.js';

export function AuthenAskAgain({
  visit,
}: {
  readonly visit: { readonly encounterId: string; readonly patientId: string; readonly cid: string };
}) {
  const { t } = useTranslation();
  const request = useAuthenRequests().get(visit.encounterId) ?? null;
  const [input, setInput] = useState<AuthenInput>({ mobile: '', claimType: request?.claimType ?? DEFAULT_CLAIM_TYPE });
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = authenView(null, request).kind;
  if (kind !== 'none' && kind !== 'failed') return null;

  async function ask(): Promise<void> {
    const mobile = normalizeMobile(input.mobile);
    if (mobile === null || mobile === '') return setProblem('nhso_mobile_invalid');
    setBusy(true);
    const result = await invoke('nhso.requestAuthen', {
      encounterId: visit.encounterId,
      patientId: visit.patientId,
      cid: visit.cid,
      mobile,
      claimType: input.claimType,
    });
    setBusy(false);
    setProblem(result.ok ? null : result.error.code);
  }

  return (
    <div data-testid="authen-ask-again">
      <AuthenFields value={input} onChange={setInput} />
      {problem !== null && (
        <p className="problem" role="alert">
          {errorMessage(problem)}
        </p>
      )}
      <button type="button" disabled={busy} onClick={() => void ask()} data-testid="authen-ask">
        {t('frontdesk.authen.ask')}
      </button>
    </div>
  );
}
