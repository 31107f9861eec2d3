/** A visit's NHSO authen state in the clerk's words (authenView.std.ts decides which). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../bridge/client.dom.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { claimCodeOf } from '../../../sync/model/claimCode.std.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { useAuthenRequests } from './AuthenProvider.dom.js';
import { authenView, authenWordsKey } from './authenView.std.js';

export function AuthenState({
  encounter,
  detail = false,
}: {
  readonly encounter: Pick<EncounterDoc, 'id' | 'identifier'>;
  readonly detail?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const request = useAuthenRequests().get(encounter.id) ?? null;
  const view = authenView(claimCodeOf(encounter), request);
  const tone =
    view.kind === 'got' ? 'ok' : view.kind === 'failed' ? 'problem' : view.kind === 'none' ? 'muted' : 'waiting';
  const locale = i18n.language === 'en' ? 'en-GB' : 'th-TH';
  return (
    <span className={`authen authen-${tone}`} data-testid="authen-state" data-kind={view.kind}>
      {t(`frontdesk.authen.${authenWordsKey(view)}`, view.kind === 'got' ? { code: view.claimCode } : {})}
      {detail && view.kind === 'failed' && view.errorCode !== null && (
        <span className="authen-reason"> — {errorMessage(view.errorCode)}</span>
      )}
      {detail && view.kind === 'waiting' && request?.nextAttemptAt !== null && request?.nextAttemptAt !== undefined && (
        <span className="muted">
          {' '}
          ·{' '}
          {t('frontdesk.authen.next', {
            time: new Date(request.nextAttemptAt).toLocaleTimeString(locale, {
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
            }),
          })}
        </span>
      )}
    </span>
  );
}

/** "Send again now" while the visit's request waits: every open request is tried at once, whatever its back-off. */
export function AuthenRetry({ encounterId }: { readonly encounterId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const request = useAuthenRequests().get(encounterId);
  if (request?.state !== 'retrying') return null;
  return (
    <button
      type="button"
      className="secondary"
      disabled={busy}
      data-testid="authen-retry"
      onClick={() => {
        setBusy(true);
        void invoke('nhso.retryNow', {}).finally(() => setBusy(false));
      }}
    >
      {t('frontdesk.authen.retryNow')}
    </button>
  );
}
