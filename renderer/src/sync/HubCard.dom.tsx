/**
 * The hospital hub on the IT dashboard (issue 15 §1): both links as main's probes find them, which one the
 * station syncs over, and for IT the hub's address (main logs in to the hub before it keeps it).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HubSetting, type SyncStatus } from '../../../electron/contract/sync.std.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import type { SyncApi } from './syncApi.dom.js';
import { hubView, type LinkWord } from './hubView.std.js';

export function HubCard({
  api,
  status,
  canConfigure,
  onChanged,
}: {
  readonly api: SyncApi;
  readonly status: SyncStatus | null;
  readonly canConfigure: boolean;
  readonly onChanged: (status: SyncStatus) => void;
}) {
  const { t } = useTranslation();
  const view = hubView(status);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!canConfigure) return;
    void api.hub().then((result) => {
      if (result.ok) setTyped(result.value.hubUrl ?? '');
    });
  }, [api, canConfigure]);

  async function save(hubUrl: string | null): Promise<void> {
    if (hubUrl !== null && !HubSetting.safeParse({ hubUrl }).success) {
      setMessage(t('sync.hub.badUrl'));
      return;
    }
    const result = await api.setHub(hubUrl);
    if (!result.ok) {
      setMessage(errorMessage(result.error.code));
      return;
    }
    if (hubUrl === null) setTyped('');
    setMessage(t(hubUrl === null ? 'sync.hub.cleared' : 'sync.hub.saved'));
    onChanged(result.value);
  }

  const linkText = (link: LinkWord, why: string | null) => (
    <>
      {t(`sync.hub.${link}`)}
      {why !== null && <span className="muted"> — {why}</span>}
    </>
  );
  return (
    <div
      className="card"
      data-testid="hub-card"
      data-hub={view.hub}
      data-central={view.central}
      data-path={view.path ?? ''}
    >
      <h3>{t('sync.hub.title')}</h3>
      <dl>
        <dt>{t('sync.hub.address')}</dt>
        <dd className={view.url === null ? '' : 'mono'}>{view.url ?? t('sync.hub.none')}</dd>
        {view.url !== null && (
          <>
            <dt>{t('sync.hub.hubLink')}</dt>
            <dd data-testid="hub-link">
              {linkText(view.hub, view.hubProblem === null ? null : t(`sync.hub.problem.${view.hubProblem}`))}
            </dd>
            <dt>{t('sync.hub.centralLink')}</dt>
            <dd data-testid="hub-central-link">
              {linkText(view.central, view.centralError === null ? null : errorMessage(view.centralError))}
            </dd>
            <dt>{t('sync.hub.path')}</dt>
            <dd data-testid="hub-path">
              {t(
                view.path === 'hub'
                  ? 'sync.hub.pathHub'
                  : view.path === 'central'
                    ? 'sync.hub.pathCentral'
                    : 'sync.hub.pathUnknown',
              )}
            </dd>
          </>
        )}
      </dl>
      <p className="muted">{t('sync.hub.help')}</p>
      {canConfigure && (
        <form
          className="hub-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save(typed.trim());
          }}
        >
          <label>
            {t('sync.hub.input')}{' '}
            <input
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              data-testid="hub-url-input"
              size={32}
            />
          </label>
          <div className="hub-buttons">
            <button type="submit" data-testid="hub-save">
              {t('sync.hub.save')}
            </button>
            {view.url !== null && (
              <button type="button" onClick={() => void save(null)} data-testid="hub-clear">
                {t('sync.hub.clear')}
              </button>
            )}
          </div>
          {message !== null && (
            <span className="muted" data-testid="hub-message">
              {message}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
