/** The station's settings when the shell did not pass them (hcode and station id name the records written). */
import { useEffect, useState } from 'react';
import type { StationSettings } from '../../../electron/contract/settings.std.js';
import { invoke, on } from '../bridge/client.dom.js';

export function useSettings(given: StationSettings | undefined): StationSettings | null {
  const [fetched, setFetched] = useState<StationSettings | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let live = true;
    void invoke('settings.get', {}).then((result) => {
      if (live && result.ok) setFetched(result.value);
    });
    const off = on('settings.changed', setFetched);
    return () => {
      live = false;
      off();
    };
  }, [given]);
  return given ?? fetched;
}
