/**
 * The sign-in screen: staff code and PIN, or the staff member's own ID card plus the PIN (main tells the page
 * only the name of the card's owner). A demo station lists its training accounts with their PINs.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffOnDuty } from '../../../electron/contract/staff.std.js';
import { DEMO_STAFF } from '../../../electron/contract/demoStaff.std.js';
import { invoke, on } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { SyncDashboard } from '../sync/SyncDashboard.dom.js';
import { bridgeSyncApi } from '../sync/bridgeSyncApi.dom.js';
import './staff.css';

export function SignIn({
  demo,
  noAccounts,
  onDuty,
}: {
  demo: boolean;
  noAccounts: boolean;
  onDuty: (next: StaffOnDuty) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [card, setCard] = useState<{ code: string; name: string } | null>(null);
  // Once shown, the link to central stays until someone signs in: it must not vanish under IT when the
  // accounts arrive a moment after the link is saved.
  const [bootstrap, setBootstrap] = useState(noAccounts);
  useEffect(() => {
    if (noAccounts) setBootstrap(true);
  }, [noAccounts]);
  useEffect(() => on('staff.cardPresented', (presented) => setCard(presented)), []);
  useEffect(() => on('card.removed', () => setCard(null)), []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const pin = String(form.get('pin') ?? '');
    setBusy(true);
    const result =
      card === null
        ? await invoke('staff.signIn', { code: String(form.get('code') ?? '').trim(), pin })
        : await invoke('staff.signInWithCard', { pin });
    setBusy(false);
    if (!result.ok) {
      setError(errorMessage(result.error.code));
      return;
    }
    setError(null);
    onDuty(result.value);
  }

  return (
    <>
      {bootstrap && !demo && (
        <section className="workspace" data-testid="staff-bootstrap">
          <h2>{t('staff.bootstrapTitle')}</h2>
          <p className="muted">{t('staff.bootstrapHelp')}</p>
          <SyncDashboard api={bridgeSyncApi} />
        </section>
      )}
      <main className="sign-in card" data-testid="staff-sign-in">
        <h2>{t('staff.signInTitle')}</h2>
        <p className="muted">{card === null ? t('staff.signInHelp') : t('staff.cardPresented', { name: card.name })}</p>
        <form className="staff-form" onSubmit={(event) => void submit(event)} data-testid="staff-form">
          {card === null && (
            <label>
              {t('staff.id')}
              <input
                name="code"
                required
                maxLength={32}
                pattern="[A-Za-z0-9._\-]{1,32}"
                autoComplete="username"
                autoFocus
              />
            </label>
          )}
          <PinField autoFocus={card !== null} />
          <button type="submit" disabled={busy}>
            {card === null ? t('staff.signIn') : t('staff.signInWithCard')}
          </button>
          <FormError error={error} />
        </form>
        {demo && (
          <div className="demo-staff" data-testid="demo-staff">
            <p className="muted small">{t('staff.demoAccounts')}</p>
            <ul className="small">
              {DEMO_STAFF.map((member) => (
                <li key={member.code}>
                  {member.name} · {t(`staff.role.${member.role}`)} · <code>{member.code}</code> · PIN{' '}
                  <code>{member.pin}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
      </main>
    </>
  );
}

/** The idle lock: the same person's PIN, or sign out for the next one. */
export function LockScreen({ onDuty, replace }: { onDuty: StaffOnDuty; replace: (next: StaffOnDuty) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);

  async function unlock(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const pin = String(new FormData(event.currentTarget).get('pin') ?? '');
    const result = await invoke('staff.unlock', { pin });
    if (!result.ok) {
      setError(errorMessage(result.error.code));
      const now = await invoke('staff.current', {});
      if (now.ok) replace(now.value);
      return;
    }
    replace(result.value);
  }

  async function signOut(): Promise<void> {
    const result = await invoke('staff.signOut', {});
    if (result.ok) replace(result.value);
  }

  return (
    <main className="sign-in card" data-testid="staff-locked">
      <h2>{t('staff.lockedTitle')}</h2>
      <p className="muted">{t('staff.lockedHelp', { name: onDuty.staff?.name ?? '' })}</p>
      <form className="staff-form" onSubmit={(event) => void unlock(event)}>
        <PinField autoFocus />
        <button type="submit">{t('staff.unlock')}</button>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {t('staff.signOut')}
        </button>
        <FormError error={error} />
      </form>
    </main>
  );
}

function PinField({ autoFocus }: { autoFocus: boolean }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('staff.pin')}
      <input
        name="pin"
        type="password"
        required
        minLength={4}
        maxLength={64}
        autoComplete="current-password"
        inputMode="numeric"
        autoFocus={autoFocus}
      />
    </label>
  );
}

function FormError({ error }: { error: string | null }) {
  return error === null ? null : (
    <p className="error" role="alert" data-testid="staff-error">
      {error}
    </p>
  );
}
