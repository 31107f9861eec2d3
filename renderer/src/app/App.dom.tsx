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

type Workspace = 'frontdesk' | 'vitals' | 'it';
const workspaces: readonly Workspace[] = ['frontdesk', 'vitals', 'it'];

export function App() {
  const { t } = useTranslation();
  const station = useStation();
  const [workspace, setWorkspace] = useState<Workspace>('frontdesk');

  if (station.loadError !== null) {
    return (
      <main className="setup" role="alert">
        <h1>{t('error.title')}</h1>
        <p>{errorMessage(station.loadError)}</p>
      </main>
    );
  }
  if (station.settings === null) return <main className="setup">{t('app.loading')}</main>;
  if (!station.settings.configured) return <FirstRunSetup offered={station.settings.mode} language={station.settings.language} onSettings={station.replaceSettings} />;

  return (
    <div className="app">
      <Header settings={station.settings} bridgeUp={station.bridgeUp} link={station.link} onSettings={station.replaceSettings} />
      <nav className="tabs" role="tablist">
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
      <RecordsProvider hcode={station.settings.hcode ?? ''} stationId={station.settings.stationId} demo={station.settings.mode === 'demo'}>
        {workspace === 'frontdesk' && <FrontDesk settings={station.settings} />}
        {workspace === 'vitals' && <Vitals settings={station.settings} resolvePatientId={patientIdFor} />}
        {workspace === 'it' && <SyncDevices settings={station.settings} />}
      </RecordsProvider>
    </div>
  );
}
