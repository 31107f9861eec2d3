/** The shell: first-run setup until the station is configured, then the header and three workspaces. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from './useStation.dom.js';
import { Header } from './Header.dom.js';
import { FirstRunSetup } from '../setup/FirstRunSetup.dom.js';
import { FrontDesk } from '../frontdesk/FrontDesk.dom.js';
import { Vitals } from '../vitals/Vitals.dom.js';
import { SyncDevices } from '../it/SyncDevices.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { RecordsProvider } from '../records/RecordsProvider.dom.js';
import { patientIdFor } from '../records/identity.dom.js';
import { useActivityPing, useStaffOnDuty } from '../staff/useStaffOnDuty.dom.js';
import { LockScreen, SignIn } from '../staff/SignIn.dom.js';
import type { StaffRole } from '../../../electron/contract/staff.std.js';

type Workspace = 'frontdesk' | 'vitals' | 'it';
/** The workspaces a role works in (main refuses the rest: electron/contract/access.std.ts). */
const workspacesOf: Readonly<Record<StaffRole, readonly Workspace[]>> = {
  front_desk: ['frontdesk', 'vitals', 'it'],
  nurse: ['vitals', 'frontdesk', 'it'],
  it: ['it'],
};

export function App() {
  const { t } = useTranslation();
  const station = useStation();
  const [chosen, setWorkspace] = useState<Workspace | null>(null);
  const staff = useStaffOnDuty();
  const onDuty = staff.onDuty;
  useActivityPing(onDuty?.staff != null && !onDuty.locked);

  if (station.loadError !== null) {
    return (
      <main className="setup" role="alert">
        <h1>{t('error.title')}</h1>
        <p>{errorMessage(station.loadError)}</p>
      </main>
    );
  }
  if (station.settings === null) return <main className="setup">{t('app.loading')}</main>;
  if (!station.settings.configured)
    return (
      <FirstRunSetup
        offered={station.settings.mode}
        language={station.settings.language}
        onSettings={station.replaceSettings}
      />
    );

  const role = onDuty?.staff?.role ?? null;
  const workspaces = role === null ? [] : workspacesOf[role];
  const workspace = chosen !== null && workspaces.includes(chosen) ? chosen : (workspaces[0] ?? null);
  const working = onDuty?.staff != null && !onDuty.locked;
  return (
    <div className="app">
      <Header
        settings={station.settings}
        bridgeUp={station.bridgeUp}
        link={station.link}
        onSettings={station.replaceSettings}
        onDuty={onDuty}
        replaceOnDuty={staff.replace}
      />
      {onDuty !== null && onDuty.staff === null && (
        <SignIn demo={station.settings.mode === 'demo'} noAccounts={onDuty.noAccounts} onDuty={staff.replace} />
      )}
      {onDuty?.staff != null && onDuty.locked && <LockScreen onDuty={onDuty} replace={staff.replace} />}
      <nav className="tabs" role="tablist" hidden={!working}>
        {workspaces.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={workspace === name}
            className={workspace === name ? 'tab active' : 'tab'}
            onClick={() => setWorkspace(name)}
            data-testid={`tab-${name}`}
          >
            {t(`nav.${name}`)}
          </button>
        ))}
      </nav>
      <RecordsProvider
        hcode={station.settings.hcode ?? ''}
        stationId={station.settings.stationId}
        demo={station.settings.mode === 'demo'}
      >
        {working && workspace === 'frontdesk' && <FrontDesk settings={station.settings} />}
        {working && workspace === 'vitals' && <Vitals settings={station.settings} resolvePatientId={patientIdFor} />}
        {working && workspace === 'it' && role !== null && (
          <SyncDevices settings={station.settings} role={role} idleMinutes={onDuty.idleMinutes} />
        )}
      </RecordsProvider>
    </div>
  );
}
