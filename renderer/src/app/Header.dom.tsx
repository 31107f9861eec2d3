/** Always visible: which station, which hospital, whether it is a demo station, and whether the link to central is working. */
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../../electron/contract/settings.std.js';
import type { LinkState } from '../../../electron/contract/link.std.js';
import { LanguageToggle } from './LanguageToggle.dom.js';
import { StaffBadge } from '../staff/StaffBadge.dom.js';
import { SyncPill } from '../sync/SyncPill.dom.js';
import type { StaffOnDuty } from '../../../electron/contract/staff.std.js';

interface HeaderProps {
  readonly settings: StationSettings;
  readonly bridgeUp: boolean;
  readonly link: LinkState;
  readonly onSettings: (settings: StationSettings) => void;
  readonly onDuty: StaffOnDuty | null;
  readonly replaceOnDuty: (next: StaffOnDuty) => void;
}

export function Header({ settings, bridgeUp, link, onSettings, onDuty, replaceOnDuty }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className={settings.mode === 'demo' ? 'header header-demo' : 'header'}>
      <div className="header-station" data-testid="header-station">
        {settings.mode === 'demo' && (
          <span className="pill pill-demo" title={t('header.demoTitle')} data-testid="demo-badge">
            {t('header.demo')}
          </span>
        )}
        <span className="label">{t('header.station')}</span> <strong>{settings.stationName}</strong>
        <span className="sep">·</span>
        <span className="label">{t('header.hcode')}</span> <strong data-testid="header-hcode">{settings.hcode}</strong>
      </div>
      <div className="header-status">
        <StaffBadge onDuty={onDuty} replace={replaceOnDuty} />
        <span className={`pill ${bridgeUp ? 'pill-ok' : 'pill-bad'}`} data-testid="bridge-state">
          {t(bridgeUp ? 'header.bridge.up' : 'header.bridge.down')}
        </span>
        <SyncPill link={link} />
        <LanguageToggle language={settings.language} onSettings={onSettings} />
      </div>
    </header>
  );
}
