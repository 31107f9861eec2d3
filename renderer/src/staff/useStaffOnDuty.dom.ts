/** Who is on duty at this station (main decides; the page follows `staff.changed`), and the activity ping. */
import { useEffect, useState } from 'react';
import type { StaffOnDuty } from '../../../electron/contract/staff.std.js';
import { invoke, on } from '../bridge/client.dom.js';

const NOBODY: StaffOnDuty = { staff: null, since: null, locked: false, idleMinutes: 10 };
/** At most one activity ping this often: enough to keep a 1-minute idle lock away, cheap on the bridge. */
const ACTIVITY_EVERY_MS = 20_000;

export function useStaffOnDuty(): { onDuty: StaffOnDuty | null; replace: (next: StaffOnDuty) => void } {
  const [onDuty, setOnDuty] = useState<StaffOnDuty | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('staff.current', {}).then((result) => live && setOnDuty(result.ok ? result.value : NOBODY));
    const off = on('staff.changed', setOnDuty);
    return () => {
      live = false;
      off();
    };
  }, []);
  return { onDuty, replace: setOnDuty };
}

/** Keys and clicks at the station keep the idle lock away (main decides when it locks). */
export function useActivityPing(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    let last = 0;
    const ping = (): void => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void invoke('staff.activity', {});
    };
    window.addEventListener('keydown', ping);
    window.addEventListener('pointerdown', ping);
    return () => {
      window.removeEventListener('keydown', ping);
      window.removeEventListener('pointerdown', ping);
    };
  }, [active]);
}
