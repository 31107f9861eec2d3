/** Serial ports and USB (HID) devices the station sees now; picking one puts it in the add form. */
import { useTranslation } from 'react-i18next';
import type { DeviceListing } from '../../../../electron/contract/devices.std.js';

const hex = (id: number): string => id.toString(16).padStart(4, '0');

export function FoundHardware({
  listing,
  onPick,
}: {
  readonly listing: DeviceListing;
  readonly onPick: (where: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="card" data-testid="devices-found">
      <h3>{t('devices.foundTitle')}</h3>
      <h4>{t('devices.serialPorts')}</h4>
      {listing.serial.length === 0 && <p className="muted">{t('devices.noSerial')}</p>}
      <ul>
        {listing.serial.map((port) => (
          <li key={port.path}>
            <span className="mono">{port.path}</span>
            {port.manufacturer !== null && <span className="muted"> · {port.manufacturer}</span>}{' '}
            <button type="button" className="secondary" onClick={() => onPick(port.path)}>
              {t('devices.usePort')}
            </button>
          </li>
        ))}
      </ul>
      <h4>{t('devices.hidDevices')}</h4>
      {listing.hid.length === 0 && <p className="muted">{t('devices.noHid')}</p>}
      <ul>
        {listing.hid.map((device) => (
          <li key={`${String(device.vendorId)}:${String(device.productId)}:${device.path ?? ''}`}>
            {device.product ?? t('devices.unnamedUsb')}{' '}
            <span className="mono">
              {hex(device.vendorId)}:{hex(device.productId)}
            </span>{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => onPick(`${hex(device.vendorId)}:${hex(device.productId)}`)}
            >
              {t('devices.usePort')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
