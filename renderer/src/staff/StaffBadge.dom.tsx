/**
 * The staff member on duty, in the header: whoever reads cards or charts vitals signs in here, so the audit
 * log names them. Signing out (end of shift) leaves the station "unidentified" until the next sign-in.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffRole, type StaffOnDuty } from '../../../electron/contract/staff.std.js';
import { invoke, on } from '../bridge/client.dom.js';
import './staff.css';
import { errorMessage } from '../i18n/i18n.dom.js';

function useStaffOnDuty(): [StaffOnDuty, (next: StaffOnDuty) => void] {
  const [onDuty, setOnDuty] = useState<StaffOnDuty>({ staff: null, since: null });
  useEffect(() => {
    let live = true;
    void invoke('staff.current', {}).then((result) => live && result.ok && setOnDuty(result.value));
    const off = on('staff.changed', setOnDuty);
    return () => {
      live = false;
      off();
    };
  }, []);
  return [onDuty, setOnDuty];
}

export function StaffBadge() {
  const { t } = useTranslation();
  const [onDuty, setOnDuty] = useStaffOnDuty();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = StaffRole.safeParse(form.get('role'));
    const result = await invoke('staff.signIn', { id: String(form.get('id') ?? ''), name: String(form.get('name') ?? ''), role: role.success ? role.data : 'front_desk' });
    if (!result.ok) {
      setError(errorMessage(result.error.code));
      return;
    }
    setOnDuty(result.value);
    setError(null);
    setOpen(false);
  }

  async function signOut(): Promise<void> {
    const result = await invoke('staff.signOut', {});
    if (result.ok) setOnDuty(result.value);
  }

  if (onDuty.staff !== null) {
    return (
      <span className="staff-badge" data-testid="staff-on-duty">
        <span className="pill pill-ok">
          {onDuty.staff.name} · {t(`staff.role.${onDuty.staff.role}`)}
        </span>
        <button type="button" className="secondary" onClick={() => void signOut()} data-testid="staff-sign-out">
          {t('staff.signOut')}
        </button>
      </span>
    );
  }
  return (
    <span className="staff-badge">
      <button type="button" className="secondary" onClick={() => setOpen(!open)} data-testid="staff-sign-in-open">
        {t('staff.nobody')}
      </button>
      {open ? (
        <form className="staff-form" onSubmit={(event) => void signIn(event)} data-testid="staff-form">
          <label>
            {t('staff.id')}
            <input name="id" required maxLength={32} pattern="[A-Za-z0-9._\-]{1,32}" autoComplete="off" />
          </label>
          <label>
            {t('staff.name')}
            <input name="name" required maxLength={80} autoComplete="off" />
          </label>
          <label>
            {t('staff.roleLabel')}
            <select name="role" defaultValue="front_desk">
              {StaffRole.options.map((role) => (
                <option key={role} value={role}>
                  {t(`staff.role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('staff.signIn')}</button>
          {error === null ? null : (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : null}
    </span>
  );
}
