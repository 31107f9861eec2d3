/** The staff member on duty, in the header, with sign-out (end of shift, or to hand the station over). */
import { useTranslation } from 'react-i18next';
import type { StaffOnDuty } from '../../../electron/contract/staff.std.js';
import { invoke } from '../bridge/client.dom.js';
import './staff.css';

export function StaffBadge({ onDuty, replace }: { onDuty: StaffOnDuty | null; replace: (next: StaffOnDuty) => void }) {
  const { t } = useTranslation();
  if (onDuty?.staff == null) return <span className="staff-badge muted">{t('staff.nobody')}</span>;

  async function signOut(): Promise<void> {
    const result = await invoke('staff.signOut', {});
    if (result.ok) replace(result.value);
  }

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
