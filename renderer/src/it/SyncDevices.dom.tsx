/** The IT workspace: diagnostics in plain words, the station's identity, recent audit entries. */
import { auditActionWords, auditActorWords } from '../../../electron/contract/auditText.std.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, DoctorCheck, StationSettings } from '../../../electron/contract/settings.std.js';
import { invoke, on, transport } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';
import { SyncDashboard } from '../sync/SyncDashboard.dom.js';
import { bridgeSyncApi } from '../sync/bridgeSyncApi.dom.js';
import { NhsoAgentForm } from './NhsoAgentForm.dom.js';
import type { StaffRole } from '../../../electron/contract/staff.std.js';
import { StaffAccounts } from './StaffAccounts.dom.js';
import { DevicesSection } from './devices/DevicesSection.dom.js';
import { PrinterSettingsCard } from './PrinterSettingsCard.dom.js';
import { ServicePointsCard } from './ServicePointsCard.dom.js';

/** IT sees everything here; the front desk and nurses see the link to central and the station, not IT's tools. */
export function SyncDevices({
  settings,
  role,
  idleMinutes,
}: {
  readonly settings: StationSettings;
  readonly role: StaffRole;
  readonly idleMinutes: number;
}) {
  const isIt = role === 'it';
  const { t, i18n } = useTranslation();
  const [checks, setChecks] = useState<readonly DoctorCheck[]>([]);
  const [audit, setAudit] = useState<readonly AuditEntry[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  const refresh = useCallback(async () => {
    if (!isIt) return;
    const [diagnostics, recent, accounts] = await Promise.all([
      invoke('diagnostics.run', {}),
      invoke('audit.recent', { limit: 20 }),
      invoke('staff.accounts', {}),
    ]);
    if (diagnostics.ok) setChecks(diagnostics.value);
    else setProblem(errorMessage(diagnostics.error.code));
    if (recent.ok) setAudit(recent.value);
    if (accounts.ok) setNames(new Map(accounts.value.map((account) => [account.code, account.name])));
  }, [isIt]);

  // Each port's last state seen: a device added, removed or changing state re-runs the doctor, a frame alone does not.
  const portStates = useRef(new Map<string, string>());
  useEffect(() => {
    void refresh();
    // The doctor's verdicts follow the sync state (configured, link, last success): re-run when it changes.
    const offSync = on('sync.status', () => void refresh());
    const offDevices = on('devices.status', (status) => {
      if (portStates.current.get(status.port) === status.state) return;
      portStates.current.set(status.port, status.state);
      void refresh();
    });
    return () => {
      offSync();
      offDevices();
    };
  }, [refresh]);

  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <section className="workspace" data-testid="workspace-it">
      <h2>{t('it.title')}</h2>
      <SyncDashboard api={bridgeSyncApi} canConfigure={isIt} />
      <div className="grid">
        <div className="card">
          <h3>{t('it.station')}</h3>
          <dl>
            <dt>{t('header.hcode')}</dt>
            <dd>{settings.hcode}</dd>
            <dt>{t('header.station')}</dt>
            <dd>{settings.stationName}</dd>
            <dt>{t('setup.queuePrefix')}</dt>
            <dd className="mono">{settings.queuePrefix}</dd>
            <dt>{t('it.stationId')}</dt>
            <dd className="mono">{settings.stationId}</dd>
            <dt>{t('it.transport')}</dt>
            <dd>{transport}</dd>
          </dl>
        </div>
        {isIt && (
          <div className="card">
            <h3>{t('it.diagnostics')}</h3>
            {problem !== null && <p className="problem">{problem}</p>}
            <ul className="checks" data-testid="diagnostics">
              {checks.map((check) => (
                <li key={check.id} className={`check check-${check.verdict}`}>
                  <span className="verdict">{t(`it.verdict.${check.verdict}`)}</span> {check[lang]}
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => void refresh()}>
              {t('it.runDiagnostics')}
            </button>
          </div>
        )}
        {isIt && <NhsoAgentForm onSaved={() => void refresh()} />}
        {isIt && <StaffAccounts idleMinutes={idleMinutes} />}
        {isIt && <PrinterSettingsCard />}
        {isIt && <ServicePointsCard />}
        {isIt && (
          <div className="card wide">
            <h3>{t('it.audit')}</h3>
            <table className="audit">
              <tbody>
                {audit.map((entry) => (
                  <tr key={entry.id}>
                    <td className="mono">{new Date(entry.at).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB')}</td>
                    <td>{auditActionWords(entry.action, lang)}</td>
                    <td>{auditActorWords(entry.actor, lang, (code) => names.get(code))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <DevicesSection isIt={isIt} />
    </section>
  );
}
