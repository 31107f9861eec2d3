/** A demo station's Vitals: each simulated device sends one made-up reading when its button is pressed, never by itself. */
import { useTranslation } from 'react-i18next';
import { DEMO_DEVICE_PROFILES } from '../../../electron/contract/devices.std.js';
import { invoke } from '../bridge/client.dom.js';
import { DemoPanel, useDemoCommand } from './DemoPanel.dom.js';

export function DemoDeviceControls() {
  const { t } = useTranslation();
  const { busy, problem, run } = useDemoCommand();
  return (
    <DemoPanel title={t('demo.devicesTitle')} problem={problem} wide testId="demo-device-controls">
      <div className="actions demo-devices">
        {DEMO_DEVICE_PROFILES.map((profile) => (
          <button
            key={profile}
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void run(() => invoke('devices.simulate', { profile }))}
            data-testid={`demo-device-${profile}`}
          >
            {t('demo.deviceSend', { device: t(`vitals.profile.${profile}`) })}
          </button>
        ))}
      </div>
    </DemoPanel>
  );
}
