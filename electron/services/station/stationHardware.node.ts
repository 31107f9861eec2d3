/**
 * What a station runs, from its mode: a real station the PC/SC card stack and its configured device ports
 * only; a demo station the in-process virtual card and the simulated devices (which send when asked). A
 * station set up as demo while running switches at once: setup waits for apply().
 */
import type { StationMode } from '../../contract/settings.std.js';
import type { CardBackend } from '../../../drivers/card/backend.std.js';
import { InProcessBackend } from '../../../drivers/card/virtual/inProcessBackend.node.js';
import type { CardService } from '../card/cardService.node.js';
import type { DemoDevices } from '../devices/demoDevices.node.js';
import type { Logger } from '../logging/logger.node.js';

export interface StationHardwareOptions {
  readonly mode: () => StationMode;
  /** null: this node has no card feature. `given`: a test's card stack, kept whatever the mode. */
  readonly card: {
    readonly make: (backend: CardBackend | undefined) => CardService;
    readonly given: CardBackend | undefined;
  } | null;
  readonly demoDevices: () => DemoDevices;
  readonly log: Logger;
}

export class StationHardware {
  readonly #options: StationHardwareOptions;
  #card: CardService | null;
  #demoDevices: DemoDevices | undefined;
  #applying: Promise<void> = Promise.resolve();

  constructor(options: StationHardwareOptions) {
    this.#options = options;
    const demo = this.demo;
    this.#card =
      options.card === null
        ? null
        : options.card.make(options.card.given ?? (demo ? new InProcessBackend() : undefined));
    this.#card?.start();
    if (demo) this.#demoDevices = options.demoDevices();
  }

  get demo(): boolean {
    return this.#options.mode() === 'demo';
  }

  get card(): CardService | null {
    return this.#card;
  }

  /** The simulated devices, on a demo station only. */
  get demoDevices(): DemoDevices | undefined {
    return this.demo ? this.#demoDevices : undefined;
  }

  /** Brings the hardware in line with the stored mode (after setup). A station never goes from demo to real. */
  apply(): Promise<void> {
    this.#applying = this.#applying.then(() => this.#becomeDemo());
    return this.#applying;
  }

  async #becomeDemo(): Promise<void> {
    if (!this.demo) return;
    this.#demoDevices ??= this.#options.demoDevices();
    const card = this.#card;
    const cardOptions = this.#options.card;
    if (card === null || cardOptions === null || cardOptions.given !== undefined || card.backend.kind === 'virtual')
      return;
    await card.stop();
    this.#card = cardOptions.make(new InProcessBackend());
    this.#card.start();
    this.#options.log.info('demo station: the virtual card replaces PC/SC');
  }

  async close(): Promise<void> {
    await this.#applying;
    await this.#card?.stop();
  }
}
