/**
 * The Devices section of the IT workspace: hardware found, devices configured and their status in words, and
 * for IT adding, editing in place, removing, testing live and the HL7 code map. The front desk and nurses see the
 * status only.
 * Changes apply at once: main restarts a port when it is configured.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListing, PortStatus } from '../../../../electron/contract/devices.std.js';
import { invoke, on } from '../../bridge/client.dom.js';
import { AddDeviceForm } from './AddDeviceForm.dom.js';
import { formForEdit, transportOfPort, type AddDeviceForm as FormValues } from './addDevice.std.js';
import { CodeMapEditor } from './CodeMapEditor.dom.js';
import { DeviceStatusList } from './DeviceStatusList.dom.js';
import { FoundHardware } from './FoundHardware.dom.js';
import { LiveFrames } from './LiveFrames.dom.js';
import { foldDeviceEvent, type LiveState } from './liveFrames.std.js';
import { deviceErrorWords, unknownCodes, type Said } from './deviceWords.std.js';
import './devices.css';

export function DevicesSection({ isIt }: { readonly isIt: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [listing, setListing] = useState<DeviceListing | null>(null);
  const [live, setLive] = useState<LiveState>({ entries: [], statuses: [] });
  const [where, setWhere] = useState('');
  const [note, setNote] = useState<Said | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [editing, setEditing] = useState<Required<FormValues> | null>(null);

  const load = useCallback(async () => {
    const result = await invoke('devices.list', {});
    if (!result.ok) {
      const code = result.error.code;
      return setNote(() => (l: 'th' | 'en') => deviceErrorWords(code, l));
    }
    setListing(result.value);
    setLive((state) => ({ ...state, statuses: result.value.configured.filter((s) => !s.port.startsWith('demo:')) }));
  }, []);

  useEffect(() => {
    void load();
    const offs = [
      on('devices.status', (payload) =>
        setLive((state) =>
          payload.port.startsWith('demo:') ? state : foldDeviceEvent(state, { name: 'devices.status', payload }),
        ),
      ),
      on('devices.reading', (payload) =>
        setLive((state) => foldDeviceEvent(state, { name: 'devices.reading', payload })),
      ),
      on('devices.error', (payload) => setLive((state) => foldDeviceEvent(state, { name: 'devices.error', payload }))),
    ];
    const tick = setInterval(() => setNowMs(Date.now()), 30_000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(tick);
    };
  }, [load]);

  async function remove(port: string): Promise<void> {
    const result = await invoke('devices.configure', { port, profile: null, enabled: false, dialect: 'auto' });
    if (!result.ok) {
      const code = result.error.code;
      return setNote(() => (l: 'th' | 'en') => deviceErrorWords(code, l));
    }
    setLive((state) => ({ ...state, statuses: state.statuses.filter((s) => s.port !== port) }));
    await load();
  }

  /** Opens the form on a configured device, with its listener's allow-list when it listens on the network. */
  async function edit(status: PortStatus): Promise<void> {
    let allow: readonly string[] = [];
    if (transportOfPort(status.port) === 'tcp') {
      const listeners = await invoke('devices.listeners', {});
      if (!listeners.ok) {
        const code = listeners.error.code;
        return setNote(() => (l: 'th' | 'en') => deviceErrorWords(code, l));
      }
      allow = listeners.value.find((listener) => listener.port === status.port)?.allow ?? [];
    }
    const form = formForEdit(status, allow);
    setWhere(form.where);
    setEditing(form);
  }

  async function edited(): Promise<void> {
    setEditing(null);
    await load();
  }

  function cancelEdit(): void {
    setEditing(null);
    setWhere('');
  }

  const suggested = [...new Set(live.statuses.flatMap((s) => unknownCodes(s.lastNotTaken?.skipped ?? [])))];
  return (
    <section className="devices-section" data-testid="devices-section">
      <h2>{t('devices.title')}</h2>
      <div className="grid">
        <div className="card wide">
          <h3>{t('devices.configuredTitle')}</h3>
          {note !== null && <p className="problem">{note(lang)}</p>}
          <DeviceStatusList
            statuses={live.statuses}
            nowMs={nowMs}
            onRemove={isIt ? remove : null}
            onEdit={isIt ? (status) => void edit(status) : null}
          />
        </div>
        {isIt && listing !== null && (
          <>
            <AddDeviceForm
              key={editing?.editing ?? 'new'}
              listing={listing}
              where={where}
              setWhere={setWhere}
              onAdded={edited}
              editing={editing}
              onCancel={cancelEdit}
            />
            <FoundHardware listing={listing} onPick={setWhere} />
            <LiveFrames entries={live.entries} />
            <CodeMapEditor suggested={suggested} />
          </>
        )}
      </div>
    </section>
  );
}
