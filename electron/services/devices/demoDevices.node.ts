/**
 * A demo station's simulated devices: they feed the real pipeline (framer → decoder → inbox → events) with
 * frames built by the simulators, one reading each time someone asks (devices.simulate, the Vitals button),
 * never on a timer: a reading nobody asked for would look like a real measurement.
 */
import type { ProfileName } from '../../../drivers/devices/profiles.std.js';
import { DEMO_DEVICE_PROFILES } from '../../contract/devices.std.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import type { DeviceService } from './deviceService.node.js';
import type { PortRunner } from './portRunner.node.js';

export class DemoDevices {
  readonly #runners = new Map<ProfileName, PortRunner>();
  #seed = 0;

  constructor(service: DeviceService) {
    for (const profile of DEMO_DEVICE_PROFILES)
      this.#runners.set(profile, service.addVirtualPort(`demo:${profile}`, profile));
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
      for (let i = 0; i < repeat; i += 1)
        runner.inject(sampleFrame(name, name === 'masimo-rad8' ? this.#seed * 100 + i : this.#seed));
      sent += 1;
    }
    return sent;
  }
}
