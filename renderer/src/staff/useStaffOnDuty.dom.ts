/** Who is on duty at this station (main decides; the page follows `staff.changed`), and the activity ping. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StaffOnDuty } from '../../../electron/contract/staff.std.js';
import { invoke, on, onBridgeConnection } from '../bridge/client.dom.js';

const NOBODY: StaffOnDuty = { staff: null, since: null, locked: false, idleMinutes: 10, noAccounts: false };
/** At most one activity ping this often: enough to keep a 1-minute idle lock away, cheap on the bridge. */
const ACTIVITY_EVERY_MS = 20_000;

export function useStaffOnDuty(): { onDuty: StaffOnDuty | null; replace: (next: StaffOnDuty) => void } {
  const [onDuty, setOnDuty] = useState<StaffOnDuty | null>(null);
  // Every change counts: a `staff.current` answer older than a sign-in or an event is stale and dropped.
  const changes = useRef(0);
  const replace = useCallback((next: StaffOnDuty) => {
    changes.current += 1;
    setOnDuty(next);
  }, []);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      const asked = changes.current;
      void invoke('staff.current', {}).then((result) => {
        if (!live || changes.current !== asked) return;
        if (result.ok) replace(result.value);
        else setOnDuty((current) => current ?? NOBODY);
      });
    };
    load();
    const off = on('staff.changed', replace);
    // Events missed while the bridge was down: ask again when it is back.
    const offBridge = onBridgeConnection((up) => up && load());
    return () => {
      live = false;
      off();
      offBridge();
    };
  }, [replace]);
  return { onDuty, replace };
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
