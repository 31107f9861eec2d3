/**
 * The header's link indicator: the sync state as the dashboard shows it (never "up to date" over a failure)
 * with what waits to be sent; main's plain link state until the first sync status arrives.
 */
import { useTranslation } from 'react-i18next';
import type { LinkState } from '../../../electron/contract/link.std.js';
import { bridgeSyncApi } from './bridgeSyncApi.dom.js';
import { useSyncStatus } from './useSyncStatus.dom.js';
import { syncView } from './syncView.std.js';

export function SyncPill({ link }: { readonly link: LinkState }) {
  const { t } = useTranslation();
  const { status } = useSyncStatus(bridgeSyncApi);
  const view = status === null ? null : syncView(status);
  const state = view?.state ?? link.status;
  const pending = view === null ? link.pending : (view.pending ?? 0);
  const problem = view?.errorCode ?? null;
  return (
    <span
      className={`pill pill-${state}`}
      data-testid="link-state"
      data-state={state}
      title={problem === null ? undefined : t(`sync.problem.${problem}`)}
    >
      {t(`header.link.${state}`)}
      {view?.viaHub === true ? ` (${t('sync.hub.viaHub')})` : ''}
      {problem !== null && state === 'error' ? ` · ${t(`sync.problem.${problem}`)}` : ''}
      {pending > 0 ? ` · ${t('header.pending', { count: pending })}` : ''}
    </span>
  );
}
