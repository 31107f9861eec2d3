/** The station's clinics / service points from main (IT's list), read when a front-desk screen opens. */
import { useEffect, useState } from 'react';
import type { ServicePoint } from '../../../sync/model/visitDetails.std.js';
import { invoke } from '../bridge/client.dom.js';

export function useServicePoints(): readonly ServicePoint[] {
  const [points, setPoints] = useState<readonly ServicePoint[]>([]);
  useEffect(() => {
    let live = true;
    void invoke('visit.servicePoints', {}).then((result) => {
      if (live && result.ok) setPoints(result.value.points);
    });
    return () => {
      live = false;
    };
  }, []);
  return points;
}
