/** The configured devices in words: state, last reading, errors, what the last frame did not chart; IT can edit or remove one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortStatus } from '../../../../electron/contract/devices.std.js';
import { statusWords } from './deviceWords.std.js';

export interface DeviceStatusListProps {
  readonly statuses: readonly PortStatus[];
  readonly nowMs: number;
  /** null: read-only (the front desk and nurses), without the device's own codes. */
  readonly onRemove: ((port: string) => Promise<void>) | null;
  readonly onEdit?: ((status: PortStatus) => void) | null;
}

export function DeviceStatusList({ statuses, nowMs, onRemove, onEdit = null }: DeviceStatusListProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [asking, setAsking] = useState<string | null>(null);
  if (statuses.length === 0) return <p className="muted">{t('devices.noneConfigured')}</p>;
  return (
    <ul className="device-list" data-testid="device-status-list">
      {statuses.map((status) => {
        const words = statusWords(status, lang, nowMs, onRemove !== null);
        return (
          <li
            key={status.port}
            className={`device-tone-${words.tone}`}
            data-port={status.port}
            data-testid="device-status"
          >
            <strong>{words.device}</strong> · {words.port}
            <div className="device-state">{words.state}</div>
            {words.dialect !== null && (
              <div className="muted">
                {t('devices.dialect')}: {words.dialect}
              </div>
            )}
            <div className="muted">{words.lastReading}</div>
            {words.problem !== null && <div className="problem">{words.problem}</div>}
            {words.notUnderstood !== null && (
              <div className="device-not-understood" data-testid="device-not-understood">
                {words.notUnderstood}
              </div>
            )}
            {words.setAside.map((line) => (
              <div key={line} className="muted">
                {line}
              </div>
            ))}
            {onRemove !== null &&
              (asking === status.port ? (
                <div>
                  {t('devices.removeAsk')}{' '}
                  <button
                    type="button"
                    data-testid="device-remove-yes"
                    onClick={() => void onRemove(status.port).then(() => setAsking(null))}
                  >
                    {t('devices.removeYes')}
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => setAsking(null)}>
                    {t('devices.keep')}
                  </button>
                </div>
              ) : (
                <div>
                  {onEdit !== null && (
                    <>
                      <button
                        type="button"
                        className="secondary"
                        data-testid="device-edit"
                        onClick={() => onEdit(status)}
                      >
                        {t('devices.edit')}
                      </button>{' '}
                    </>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    data-testid="device-remove"
                    onClick={() => setAsking(status.port)}
                  >
                    {t('devices.remove')}
                  </button>
                </div>
              ))}
          </li>
        );
      })}
    </ul>
  );
}
