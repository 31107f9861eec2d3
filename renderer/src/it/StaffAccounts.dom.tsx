/** IT's view of the staff accounts this station knows: fetch from central now, lift a lockout, set the idle lock. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffRole, type StaffAccountInfo } from '../../../electron/contract/staff.std.js';
import { invoke } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { absoluteTime } from '../sync/timeText.std.js';

export function StaffAccounts({ idleMinutes }: { readonly idleMinutes: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [accounts, setAccounts] = useState<readonly StaffAccountInfo[]>([]);
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await invoke('staff.accounts', {});
    if (result.ok) setAccounts(result.value);
    else setNote(errorMessage(result.error.code));
  }, []);
  useEffect(() => void load(), [load]);

  async function refresh(): Promise<void> {
    const result = await invoke('staff.refresh', {});
    setNote(result.ok ? t('staff.accountsFetched', { count: result.value.accounts }) : errorMessage(result.error.code));
    await load();
  }

  async function clear(code: string): Promise<void> {
    const result = await invoke('staff.clearLockout', { code });
    if (result.ok) setAccounts(result.value);
    else setNote(errorMessage(result.error.code));
  }

  async function addStation(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = StaffRole.safeParse(form.get('role'));
    const result = await invoke('staff.addStation', {
      code: String(form.get('code') ?? '').trim(),
      name: String(form.get('name') ?? ''),
      role: role.success ? role.data : 'front_desk',
      pin: String(form.get('pin') ?? ''),
    });
    if (!result.ok) {
      setNote(errorMessage(result.error.code));
      return;
    }
    setAccounts(result.value);
    setNote(null);
    event.currentTarget.reset();
  }

  async function setActive(code: string, active: boolean): Promise<void> {
    const result = await invoke('staff.setStationActive', { code, active });
    if (result.ok) setAccounts(result.value);
    else setNote(errorMessage(result.error.code));
  }

  async function saveIdle(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const minutes = Number(new FormData(event.currentTarget).get('minutes'));
    const result = await invoke('staff.setIdleMinutes', { minutes });
    if (!result.ok) setNote(errorMessage(result.error.code));
  }

  return (
    <div className="card wide" data-testid="staff-accounts">
      <h3>{t('staff.accountsTitle')}</h3>
      <table className="staff-accounts">
        <tbody>
          {accounts.map((account) => (
            <tr key={account.code} data-code={account.code}>
              <td>{account.name}</td>
              <td className="mono">{account.code}</td>
              <td>{t(`staff.role.${account.role}`)}</td>
              <td className="muted">
                {t(`staff.source.${account.source}`)}
                {account.card && ` · ${t('staff.hasCard')}`}
                {!account.active && ` · ${t('staff.inactive')}`}
              </td>
              <td>
                {account.source === 'station' && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void setActive(account.code, !account.active)}
                    data-testid="staff-toggle-active"
                  >
                    {account.active ? t('staff.disable') : t('staff.enable')}
                  </button>
                )}{' '}
                {account.lockedUntil !== null && (
                  <>
                    {t('staff.lockedUntil', { time: absoluteTime(account.lockedUntil, lang) })}{' '}
                    <button type="button" className="secondary" onClick={() => void clear(account.code)}>
                      {t('staff.clearLockout')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void refresh()} data-testid="staff-refresh">
        {t('staff.accountsRefresh')}
      </button>
      {note !== null && <p className="muted">{note}</p>}
      <form onSubmit={(event) => void addStation(event)} className="inline-form" data-testid="staff-add-station">
        <strong>{t('staff.addStationTitle')}</strong>
        <input
          name="code"
          required
          maxLength={32}
          pattern="[A-Za-z0-9._\-]{1,32}"
          placeholder={t('staff.id')}
          aria-label={t('staff.id')}
          autoComplete="off"
        />
        <input
          name="name"
          required
          maxLength={80}
          placeholder={t('staff.name')}
          aria-label={t('staff.name')}
          autoComplete="off"
        />
        <select name="role" defaultValue="front_desk" aria-label={t('staff.roleLabel')}>
          {StaffRole.options.map((role) => (
            <option key={role} value={role}>
              {t(`staff.role.${role}`)}
            </option>
          ))}
        </select>
        <input
          name="pin"
          type="password"
          required
          minLength={4}
          maxLength={64}
          placeholder={t('staff.pin')}
          aria-label={t('staff.pin')}
          autoComplete="new-password"
        />
        <button type="submit" className="secondary">
          {t('staff.addStation')}
        </button>
      </form>
      <form onSubmit={(event) => void saveIdle(event)} className="inline-form">
        <label>
          {t('staff.idleMinutes')} <input name="minutes" type="number" min={1} max={120} defaultValue={idleMinutes} />
        </label>
        <button type="submit" className="secondary">
          {t('staff.save')}
        </button>
      </form>
    </div>
  );
}
