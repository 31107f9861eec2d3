/**
 * IT sets this station's queue-slip printer: a network receipt printer (raw TCP, usually port 9100), a serial one,
 * a USB printer-class device (/dev/usb/lp0) or the computer's own printer (by name; empty for the default).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterSettings } from '../../../electron/contract/printer.std.js';
import { invoke } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';

type Transport = PrinterSettings['transport'];

export function PrinterSettingsCard() {
  const { t } = useTranslation();
  const [transport, setTransport] = useState<Transport>('none');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9100');
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState('9600');
  const [usbPath, setUsbPath] = useState('/dev/usb/lp0');
  const [deviceName, setDeviceName] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // The stored settings arrive after the card is drawn: they must not undo what IT has started typing.
  const edited = useRef(false);

  function show(settings: PrinterSettings): void {
    setTransport(settings.transport);
    if (settings.transport === 'tcp') {
      setHost(settings.host);
      setPort(String(settings.port));
    }
    if (settings.transport === 'serial') {
      setPath(settings.path);
      setBaud(String(settings.baudRate));
    }
    if (settings.transport === 'usb') setUsbPath(settings.path);
    if (settings.transport === 'system') setDeviceName(settings.deviceName);
  }

  function input(): PrinterSettings {
    switch (transport) {
      case 'tcp':
        return { transport, host: host.trim(), port: Number(port) };
      case 'serial':
        return { transport, path: path.trim(), baudRate: Number(baud) };
      case 'usb':
        return { transport, path: usbPath.trim() };
      case 'system':
        return { transport, deviceName: deviceName.trim() };
      case 'none':
        return { transport };
    }
  }

  useEffect(() => {
    void invoke('printer.settings', {}).then((result) => {
      if (result.ok && !edited.current) show(result.value);
    });
  }, []);

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = await invoke('printer.configure', input());
    if (result.ok) show(result.value);
    setNote(result.ok ? { ok: true, text: t('printer.saved') } : { ok: false, text: errorMessage(result.error.code) });
  }

  return (
    <div className="card wide" data-testid="printer-settings">
      <h3>{t('printer.title')}</h3>
      <p className="muted small">{t('printer.hint')}</p>
      <form onSubmit={(event) => void save(event)} onChange={() => (edited.current = true)} noValidate>
        <label>
          {t('printer.transport')}
          <select
            name="transport"
            value={transport}
            onChange={(event) => setTransport(event.target.value as Transport)}
          >
            <option value="none">{t('printer.none')}</option>
            <option value="tcp">{t('printer.tcp')}</option>
            <option value="serial">{t('printer.serial')}</option>
            <option value="usb">{t('printer.usb')}</option>
            <option value="system">{t('printer.system')}</option>
          </select>
        </label>
        {transport === 'tcp' && (
          <div className="row">
            <label>
              {t('printer.host')}
              <input
                name="host"
                value={host}
                onChange={(event) => setHost(event.target.value)}
                placeholder="192.168.1.50"
                autoComplete="off"
              />
            </label>
            <label>
              {t('printer.port')}
              <input name="port" inputMode="numeric" value={port} onChange={(event) => setPort(event.target.value)} />
            </label>
          </div>
        )}
        {transport === 'serial' && (
          <div className="row">
            <label>
              {t('printer.path')}
              <input
                name="path"
                value={path}
                onChange={(event) => setPath(event.target.value)}
                placeholder="/dev/ttyUSB0"
                autoComplete="off"
              />
            </label>
            <label>
              {t('printer.baud')}
              <input name="baud" inputMode="numeric" value={baud} onChange={(event) => setBaud(event.target.value)} />
            </label>
          </div>
        )}
        {transport === 'usb' && (
          <label>
            {t('printer.usbPath')}
            <input
              name="usbPath"
              value={usbPath}
              onChange={(event) => setUsbPath(event.target.value)}
              placeholder="/dev/usb/lp0"
              autoComplete="off"
            />
          </label>
        )}
        {transport === 'system' && (
          <label>
            {t('printer.deviceName')}
            <input
              name="deviceName"
              value={deviceName}
              onChange={(event) => setDeviceName(event.target.value)}
              placeholder={t('printer.defaultPrinter')}
              autoComplete="off"
            />
          </label>
        )}
        <button type="submit" data-testid="printer-save">
          {t('printer.save')}
        </button>
        {note !== null && (
          <p className={note.ok ? 'muted' : 'problem'} role={note.ok ? undefined : 'alert'} data-testid="printer-note">
            {note.text}
          </p>
        )}
      </form>
    </div>
  );
}
