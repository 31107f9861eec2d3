// A real station gets PC/SC; one set up as demo while running gets the virtual card and the simulated
// devices at once (setup waits for it); a test's given card stack is kept; demo never turns back to real.
import { describe, expect, it } from 'vitest';
import { StationHardware } from '../../../../../electron/services/station/stationHardware.node.js';
import type { CardService } from '../../../../../electron/services/card/cardService.node.js';
import type { DemoDevices } from '../../../../../electron/services/devices/demoDevices.node.js';
import type { CardBackend } from '../../../../../drivers/card/backend.std.js';
import type { StationMode } from '../../../../../electron/contract/settings.std.js';
import type { Logger } from '../../../../../electron/services/logging/logger.node.js';
import { InProcessBackend } from '../../../../../drivers/card/virtual/inProcessBackend.node.js';

interface FakeCard {
  readonly backend: { readonly kind: string };
  started: boolean;
  stopped: boolean;
}

function hardware(initial: StationMode, given?: CardBackend) {
  let mode = initial;
  const cards: FakeCard[] = [];
  let demoDevices = 0;
  const log = { info: () => undefined } as unknown as Logger;
  const station = new StationHardware({
    mode: () => mode,
    card: {
      given,
      make: (backend) => {
        const card: FakeCard = { backend: { kind: backend?.kind ?? 'pcsc' }, started: false, stopped: false };
        cards.push(card);
        return Object.assign(card, {
          start: () => void (card.started = true),
          stop: async () => void (card.stopped = true),
        }) as unknown as CardService;
      },
    },
    demoDevices: () => {
      demoDevices += 1;
      return {} as DemoDevices;
    },
    log,
  });
  return { station, cards, demoDevices: () => demoDevices, setMode: (next: StationMode) => void (mode = next) };
}

describe('station hardware', () => {
  it('a real station runs PC/SC and no simulated devices', () => {
    const { station, cards, demoDevices } = hardware('real');
    expect(cards.map((card) => [card.backend.kind, card.started])).toEqual([['pcsc', true]]);
    expect(station.demo).toBe(false);
    expect(station.demoDevices).toBeUndefined();
    expect(demoDevices()).toBe(0);
  });

  it('a demo station starts with the virtual card and its devices', () => {
    const { station, cards } = hardware('demo');
    expect(cards.map((card) => card.backend.kind)).toEqual(['virtual']);
    expect(station.demoDevices).toBeDefined();
  });

  it('set up as demo while running: PC/SC is stopped and the virtual card started before apply resolves', async () => {
    const { station, cards, setMode, demoDevices } = hardware('real');
    await station.apply();
    expect(cards).toHaveLength(1);
    setMode('demo');
    await station.apply();
    await station.apply();
    expect(cards.map((card) => [card.backend.kind, card.started, card.stopped])).toEqual([
      ['pcsc', true, true],
      ['virtual', true, false],
    ]);
    expect(station.card).toBe(cards[1]);
    expect(demoDevices()).toBe(1);
  });

  it('keeps a given card stack whatever the mode', async () => {
    const given = new InProcessBackend();
    const { station, cards, setMode } = hardware('real', given);
    setMode('demo');
    await station.apply();
    expect(cards).toHaveLength(1);
    expect(station.demoDevices).toBeDefined();
  });
});
