/**
 * The station's records on the IT dashboard (issue 15): how many days of visits it keeps (IT may change it),
 * storage used, and the last clean-up of records that left that window once central held them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreUse } from '../../../electron/contract/sync.std.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import type { SyncApi } from './syncApi.dom.js';
import { absoluteTime, type UiLanguage } from './timeText.std.js';
import { bytesText, parseWorkingSetDays } from './storeUse.std.js';

export function StoreUseCard({
  api,
  store,
  canConfigure,
  language,
}: {
  readonly api: SyncApi;
  readonly store: StoreUse | null;
  readonly canConfigure: boolean;
  readonly language: UiLanguage;
}) {
  const { t } = useTranslation();
  const [days, setDays] = useState<number | null>(store?.workingSetDays ?? null);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!canConfigure) return;
    void api.workingSet().then((result) => {
      if (result.ok) {
        setDays(result.value.days);
        setTyped(String(result.value.days));
      }
    });
  }, [api, canConfigure]);

  async function save(): Promise<void> {
    const parsed = parseWorkingSetDays(typed);
    if (parsed === null) {
      setMessage(t('sync.store.badDays'));
      return;
    }
    const result = await api.setWorkingSet(parsed);
    if (result.ok) {
      setDays(result.value.days);
      setMessage(t('sync.store.saved'));
    } else setMessage(errorMessage(result.error.code));
  }

  const purge = store?.lastPurge ?? null;
  const shownDays = days ?? store?.workingSetDays ?? null;
  return (
    <div className="card" data-testid="store-use">
      <h3>{t('sync.store.title')}</h3>
      <dl>
        <dt>{t('sync.store.days')}</dt>
        <dd data-testid="store-days">
          {shownDays === null ? t('sync.store.unknown') : t('sync.store.daysValue', { count: shownDays })}
        </dd>
        <dt>{t('sync.store.usage')}</dt>
        <dd data-testid="store-usage">
          {store?.usageBytes == null
            ? t('sync.store.unknown')
            : store.quotaBytes == null
              ? bytesText(store.usageBytes, language)
              : t('sync.store.usageOf', {
                  used: bytesText(store.usageBytes, language),
                  quota: bytesText(store.quotaBytes, language),
                })}
        </dd>
        <dt>{t('sync.store.lastPurge')}</dt>
        <dd data-testid="store-last-purge">
          {purge === null ? (
            t('sync.store.purgeNever')
          ) : (
            <>
              {absoluteTime(purge.at, language)} · {t('sync.store.purged', { count: purge.purged })}
              {purge.unconfirmed > 0 && <> · {t('sync.store.kept', { count: purge.unconfirmed })}</>} ·{' '}
              {t('sync.store.docsLeft', { count: purge.docsLeft })}
            </>
          )}
        </dd>
      </dl>
      <p className="muted">{t('sync.store.daysHelp')}</p>
      {canConfigure && (
        <form
          className="actions"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label>
            {t('sync.store.daysInput')}{' '}
            <input
              inputMode="numeric"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              data-testid="store-days-input"
              size={5}
            />
          </label>
          <button type="submit" data-testid="store-days-save">
            {t('sync.store.save')}
          </button>
          {message !== null && (
            <span className="muted" data-testid="store-days-message">
              {message}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
