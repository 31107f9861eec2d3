/**
 * Demo mode: simulated devices feed the real pipeline (framer → decoder → inbox → events) with frames
 * built by the simulators, every `intervalMs` and on command (devices.simulate).
 */
import type { ProfileName } from '../../../drivers/devices/profiles.std.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import type { DeviceService } from './deviceService.node.js';
import type { PortRunner } from './portRunner.node.js';

const demoProfiles: readonly ProfileName[] = ['omron-hbp9030', 'gtech-gl310', 'masimo-rad8', 'hl7-mllp'];

export class DemoDevices {
  readonly #runners = new Map<ProfileName, PortRunner>();
  readonly #timer: ReturnType<typeof setInterval> | undefined;
  #seed = 0;

  constructor(service: DeviceService, intervalMs = 45_000) {
    for (const profile of demoProfiles) this.#runners.set(profile, service.addVirtualPort(`demo:${profile}`, profile));
    this.#timer = intervalMs > 0 ? setInterval(() => this.send(), intervalMs) : undefined;
    this.#timer?.unref();
  }

  /** Sends one reading from one simulated device (or each of them). Returns how many were sent. */
  send(profile?: ProfileName): number {
    const targets = profile === undefined ? [...this.#runners.keys()] : [profile];
    let sent = 0;
    for (const name of targets) {
      const runner = this.#runners.get(name);
      if (runner === undefined) continue;
      this.#seed += 1;
      // Streaming oximeters keep one reading once steady: send a steady run of samples.
      const repeat = runner.profile.continuous?.stableSamples ?? 1;
      for (let i = 0; i < repeat; i += 1) runner.inject(sampleFrame(name, name === 'masimo-rad8' ? this.#seed * 100 + i : this.#seed));
      sent += 1;
    }
    return sent;
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }
}
