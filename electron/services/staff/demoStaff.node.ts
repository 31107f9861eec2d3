/**
 * A demo station's own staff, so a training session can sign in without central: one per role, PINs shown on
 * the demo sign-in screen (DEMO_STAFF). Never on a real station: seeded only when the mode is demo.
 */
import { hashPin } from '../../../sync/central/staffPin.node.js';
import { DEMO_STAFF } from '../../contract/demoStaff.std.js';
import type { StaffDirectory } from './staffDirectory.node.js';

export async function seedDemoStaff(directory: StaffDirectory): Promise<void> {
  for (const member of DEMO_STAFF) {
    if (directory.get(member.code) !== undefined) continue;
    directory.put(
      {
        code: member.code,
        name: member.name,
        role: member.role,
        active: true,
        pinHash: await hashPin(member.pin),
        cardKey: null,
      },
      'demo',
      new Date(),
    );
  }
}
