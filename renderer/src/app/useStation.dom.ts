/** The station's settings, the bridge connection and the link state, kept live from main's events. */
import { useCallback, useEffect, useState } from 'react';
import type { StationSettings } from '../../../electron/contract/settings.std.js';
import type { LinkState } from '../../../electron/contract/link.std.js';
import { invoke, on, onBridgeConnection } from '../bridge/client.dom.js';
import { setLanguage } from '../i18n/i18n.dom.js';

export interface StationView {
  readonly settings: StationSettings | null;
  readonly bridgeUp: boolean;
  readonly link: LinkState;
  readonly loadError: string | null;
  replaceSettings(settings: StationSettings): void;
}

const initialLink: LinkState = { status: 'unconfigured', errorCode: null, lastSyncAt: null, pending: 0 };

export function useStation(): StationView {
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [bridgeUp, setBridgeUp] = useState(true);
  const [link, setLink] = useState<LinkState>(initialLink);
  const [loadError, setLoadError] = useState<string | null>(null);

  const replaceSettings = useCallback((next: StationSettings) => {
    setSettings(next);
    void setLanguage(next.language);
  }, []);

  useEffect(() => {
    let live = true;
    void invoke('settings.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) replaceSettings(result.value);
      else setLoadError(result.error.code);
    });
    const offSettings = on('settings.changed', replaceSettings);
    const offLink = on('link.changed', setLink);
    const offBridge = onBridgeConnection((up) => {
      setBridgeUp(up);
      if (up) void invoke('settings.get', {}).then((result) => result.ok && replaceSettings(result.value));
    });
    return () => {
      live = false;
      offSettings();
      offLink();
      offBridge();
    };
  }, [replaceSettings]);

  return { settings, bridgeUp, link, loadError, replaceSettings };
}
