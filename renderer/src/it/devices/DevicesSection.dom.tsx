/**
 * The Devices section of the IT workspace: hardware found, devices configured and their status in words, and
 * for IT adding, removing, testing live and the HL7 code map. The front desk and nurses see the status only.
 * Changes apply at once: main restarts a port when it is configured.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListing } from '../../../../electron/contract/devices.std.js';
import { invoke, on } from '../../bridge/client.dom.js';
import { AddDeviceForm } from './AddDeviceForm.dom.js';
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
      on('devices.status', (payload) => setLive((state) => (payload.port.startsWith('demo:') ? state : foldDeviceEvent(state, { name: 'devices.status', payload })))),
      on('devices.reading', (payload) => setLive((state) => foldDeviceEvent(state, { name: 'devices.reading', payload }))),
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

  const suggested = [...new Set(live.statuses.flatMap((s) => unknownCodes(s.lastNotTaken?.skipped ?? [])))];
  return (
    <section className="devices-section" data-testid="devices-section">
      <h2>{t('devices.title')}</h2>
      <div className="grid">
        <div className="card wide">
          <h3>{t('devices.configuredTitle')}</h3>
          {note !== null && <p className="problem">{note(lang)}</p>}
          <DeviceStatusList statuses={live.statuses} nowMs={nowMs} onRemove={isIt ? remove : null} />
        </div>
        {isIt && listing !== null && (
          <>
            <AddDeviceForm listing={listing} where={where} setWhere={setWhere} onAdded={load} />
            <FoundHardware listing={listing} onPick={setWhere} />
            <LiveFrames entries={live.entries} />
            <CodeMapEditor suggested={suggested} />
          </>
        )}
      </div>
    </section>
  );
}
