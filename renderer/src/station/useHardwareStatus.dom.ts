/** The card reader's and the device ports' status, live from main (card.status, devices.status). */
import { useEffect, useState } from 'react';
import type { CardStatus } from '../../../electron/contract/card.std.js';
import type { PortStatus } from '../../../electron/contract/devices.std.js';
import { invoke, on } from '../bridge/client.dom.js';

export function useCardStatus(): CardStatus | null {
  const [status, setStatus] = useState<CardStatus | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('card.readers', {}).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    const off = on('card.status', (next) => setStatus(next));
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
}

/** The configured ports, or null until main has answered. */
export function useDevicePorts(): readonly PortStatus[] | null {
  const [ports, setPorts] = useState<readonly PortStatus[] | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('devices.list', {}).then((result) => {
      if (live && result.ok) setPorts(result.value.configured);
    });
    const off = on('devices.status', (changed) =>
      setPorts((current) =>
        current === null ? current : [...current.filter((port) => port.port !== changed.port), changed],
      ),
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return ports;
}
