// Tests act as the staff member each command needs: before a command whose role the person on duty lacks,
// a test account of that role (added to the station as IT would at the station) signs in through the real
// `staff.signIn` (scrypt, lockout counter, audit). Tests of access itself use `node.dispatch` unwrapped.
import type { EdgeNode } from '../../electron/services/compositionRoot.node.js';
import type { Dispatch } from '../../electron/services/dispatcher.node.js';
import { COMMAND_ACCESS } from '../../electron/contract/access.std.js';
import { isCommandName } from '../../electron/contract/contract.std.js';
import { hashPin } from '../../sync/central/staffPin.node.js';
import type { StaffRole } from '../../sync/model/staff.std.js';

export const TEST_PIN = '246810';
let pinHash: Promise<string> | undefined;

export function testStaffCode(role: StaffRole): string {
  return `test-${role.replace('_', '-')}`;
}

/** Adds the test account of `role` to the station (idempotent). */
export async function addTestStaff(node: Pick<EdgeNode, 'staffDirectory'>, role: StaffRole): Promise<string> {
  const code = testStaffCode(role);
  if (node.staffDirectory.get(code) === undefined) {
    pinHash ??= hashPin(TEST_PIN);
    node.staffDirectory.put(
      { code, name: `ทดสอบ ${role}`, role, active: true, pinHash: await pinHash, cardKey: null },
      'station',
      new Date(),
    );
  }
  return code;
}

export async function signInAs(
  node: Pick<EdgeNode, 'staffDirectory' | 'dispatch'>,
  role: StaffRole,
  raw: Dispatch = node.dispatch,
): Promise<void> {
  const code = await addTestStaff(node, role);
  const result = await raw('staff.signIn', { code, pin: TEST_PIN });
  if (!result.ok) throw new Error(`test sign-in as ${role} failed: ${JSON.stringify(result)}`);
}

/** A dispatch that signs in with the role each command needs first (see the header). */
export function staffedDispatch(node: Pick<EdgeNode, 'staffDirectory' | 'dispatch' | 'staff' | 'settings'>): Dispatch {
  const raw = node.dispatch;
  return async (name, input) => {
    if (isCommandName(name)) {
      const access = COMMAND_ACCESS[name];
      const { role, locked } = node.staff.access();
      if (Array.isArray(access) && (role === null || locked || !access.includes(role))) {
        // setup before the station exists needs nobody (first run)
        if (!(name === 'settings.setup' && !node.settings.get().configured))
          await signInAs(node, access[0] as StaffRole, raw);
      }
    }
    return raw(name, input);
  };
}

/** The node with its dispatch replaced by `staffedDispatch` (keeps the node's getters). */
export function staffed<T extends Pick<EdgeNode, 'staffDirectory' | 'dispatch' | 'staff' | 'settings'>>(node: T): T {
  Object.defineProperty(node, 'dispatch', { value: staffedDispatch(node), configurable: true });
  return node;
}
