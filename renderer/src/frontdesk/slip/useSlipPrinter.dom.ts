/**
 * The front desk's queue-slip printer: prints a visit's slip and keeps, per visit, whether it printed or why
 * not, so the clerk sees the reason and can reprint from today's queue. The card's right to care is stored on the
 * visit (visitDetails.std.ts); visits saved before it was are covered by what the page remembers since it loaded.
 */
import { useCallback, useState } from 'react';
import type { EncounterDoc } from '../../../../sync/model/encounter.std.js';
import type { StationSettings } from '../../../../electron/contract/settings.std.js';
import { slipFactsOf } from './slipContent.std.js';
import { printSlip } from './printSlip.dom.js';

export type SlipState =
  | { readonly state: 'printing' }
  | { readonly state: 'printed' }
  | { readonly state: 'failed'; readonly code: string };

export interface SlipPrinter {
  readonly states: ReadonlyMap<string, SlipState>;
  remember(encounterId: string, rights: string | null): void;
  /** `claimCode`: main's authen code for the visit when it is not on the stored visit yet. */
  print(encounter: EncounterDoc, reprint: boolean, claimCode?: string | null): Promise<void>;
}

/** Outlives the front desk's workspace (it unmounts while someone else is signed in), not the page. */
const rightsOfVisit = new Map<string, string | null>();

export function useSlipPrinter(settings: StationSettings): SlipPrinter {
  const [states, setStates] = useState<ReadonlyMap<string, SlipState>>(new Map());
  const set = useCallback((id: string, state: SlipState) => setStates((before) => new Map(before).set(id, state)), []);
  const remember = useCallback((encounterId: string, text: string | null) => {
    rightsOfVisit.set(encounterId, text);
  }, []);
  const print = useCallback(
    async (encounter: EncounterDoc, reprint: boolean, claimCode: string | null = null) => {
      set(encounter.id, { state: 'printing' });
      try {
        // The slip is for the patient: always Thai, whatever language the clerk's screen is in.
        const facts = slipFactsOf(
          encounter,
          { hcode: settings.hcode ?? '', stationName: settings.stationName },
          rightsOfVisit.get(encounter.id) ?? null,
          claimCode,
        );
        const outcome = await printSlip(encounter.id, facts, 'th', reprint);
        set(encounter.id, outcome.ok ? { state: 'printed' } : { state: 'failed', code: outcome.code });
      } catch {
        set(encounter.id, { state: 'failed', code: 'internal' });
      }
    },
    [set, settings.hcode, settings.stationName],
  );
  return { states, remember, print };
}
