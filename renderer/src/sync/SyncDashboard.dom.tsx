/**
 * The sync part of the IT workspace: the state in plain words (never "up to date" after a failure, see
 * syncView.std.ts), what waits to be sent, the last successful sync, documents up and down, what needs IT
 * (conflicts, refused records), the link over the last 24 h, "sync now", and the connection form.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/i18n.dom.js';
import type { SyncApi } from './syncApi.dom.js';
import { syncView } from './syncView.std.js';
import { useNow, useSyncStatus } from './useSyncStatus.dom.js';
import { absoluteTime, relativeTime, type UiLanguage } from './timeText.std.js';
import { LinkChart } from './LinkChart.dom.js';
import { chartLinksOf } from './linkChart.std.js';
import { ConflictList, RejectionList } from './SyncIssues.dom.js';
import { SyncConfigForm } from './SyncConfigForm.dom.js';
import { StoreUseCard } from './StoreUse.dom.js';
import { HubCard } from './HubCard.dom.js';
import './sync.css';

/** `canConfigure`: IT's (and a station's before it has staff accounts); others see the link, not the form. */
export function SyncDashboard({
  api,
  canConfigure = true,
}: {
  readonly api: SyncApi;
  readonly canConfigure?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'en' ? 'en' : 'th';
  const { status, loadError, replace } = useSyncStatus(api, 60_000);
  const now = useNow();
  const view = syncView(status);
  const chartLinks = useMemo(() => chartLinksOf(status), [status]);
  const [nowProblem, setNowProblem] = useState<string | null>(null);
  const [nowSent, setNowSent] = useState(false);

  async function syncNow(): Promise<void> {
    setNowProblem(null);
    setNowSent(false);
    const result = await api.syncNow();
    if (result.ok) setNowSent(true);
    else setNowProblem(result.error.code);
  }

  return (
    <div className="sync-dashboard" data-testid="sync-dashboard">
      <div className="grid">
        <div
          className={`card sync-state tone-${view.tone}`}
          data-testid="sync-state"
          data-state={view.state}
          data-code={view.errorCode ?? ''}
        >
          <h3>{t('sync.title')}</h3>
          <p className="sync-headline" data-testid="sync-headline">
            {t(`sync.state.${view.state}`)}
            {view.viaHub && <> ({t('sync.hub.viaHub')})</>}
            {/* Offline needs no second title: the reason line below says why. */}
            {view.errorCode !== null && view.state !== 'offline' && <> — {t(`sync.problem.${view.errorCode}`)}</>}
          </p>
          {view.errorCode !== null && (
            <p className="sync-reason" data-testid="sync-reason">
              {errorMessage(view.errorCode)}
            </p>
          )}
          {loadError !== null && <p className="problem">{`${t('sync.loadFailed')}: ${errorMessage(loadError)}`}</p>}
          <dl>
            <dt>{t('sync.pending')}</dt>
            <dd data-testid="sync-pending" data-count={view.pending ?? ''}>
              {view.pending === null ? t('sync.pendingUnknown') : t('sync.items', { count: view.pending })}
            </dd>
            <dt>{t('sync.lastSuccess')}</dt>
            <dd data-testid="sync-last-success">
              {view.lastSuccessAt === null ? (
                t('sync.never')
              ) : (
                <>
                  {relativeTime(view.lastSuccessAt, now, language)}{' '}
                  <span className="muted">({absoluteTime(view.lastSuccessAt, language)})</span>
                </>
              )}
            </dd>
            <dt>{t('sync.docsUp')}</dt>
            <dd data-testid="sync-docs-up">{view.docsUp.toLocaleString(language === 'th' ? 'th-TH' : 'en-GB')}</dd>
            <dt>{t('sync.docsDown')}</dt>
            <dd data-testid="sync-docs-down">{view.docsDown.toLocaleString(language === 'th' ? 'th-TH' : 'en-GB')}</dd>
            <dt>{t('sync.conflictsResolved')}</dt>
            <dd>{view.conflictsResolved}</dd>
            <dt>{t('sync.central')}</dt>
            <dd className="mono">{status?.centralUrl ?? t('sync.notSet')}</dd>
            <dt>{t('sync.stationUser')}</dt>
            <dd className="mono">{status?.stationUser ?? t('sync.notSet')}</dd>
            {status?.link?.rttMs !== undefined && status.link.rttMs !== null && (
              <>
                <dt>{t('sync.rtt')}</dt>
                <dd>{Math.round(status.link.rttMs)} ms</dd>
              </>
            )}
          </dl>
          <div className="actions">
            <button type="button" onClick={() => void syncNow()} disabled={!view.canSyncNow} data-testid="sync-now">
              {t('sync.syncNow')}
            </button>
            {nowSent && <span className="muted">{t('sync.syncNowSent')}</span>}
          </div>
          {nowProblem !== null && <p className="problem">{errorMessage(nowProblem)}</p>}
        </div>
        {canConfigure && (
          <div className="card">
            <h3>{t('sync.config.title')}</h3>
            {/* Mounted once main's status is in, so the saved address and user fill it (the password never does). */}
            {status !== null && <SyncConfigForm api={api} status={status} onConfigured={replace} />}
          </div>
        )}
        <HubCard api={api} status={status} canConfigure={canConfigure} onChanged={replace} />
        <StoreUseCard
          api={api}
          store={status?.replication?.store ?? null}
          canConfigure={canConfigure}
          language={language}
        />
        <div className="card wide">
          <h3>{t(chartLinks.length > 1 ? 'sync.chart.titleBoth' : 'sync.chart.title')}</h3>
          <LinkChart links={chartLinks} />
        </div>
        <ConflictList conflicts={view.conflicts} />
        <RejectionList rejections={view.rejections} language={language} />
      </div>
    </div>
  );
}
