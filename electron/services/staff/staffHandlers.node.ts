/** Handlers of the staff feature: who is on duty at the station (the audit actor). */
import type { Handlers } from '../dispatcher.node.js';
import type { StaffSession } from './staffSession.node.js';

export function staffHandlers(session: StaffSession): Pick<Handlers, 'staff.current' | 'staff.signIn' | 'staff.signOut'> {
  return {
    'staff.current': function currentStaff() {
      return session.current();
    },
    'staff.signIn': function signInStaff(input) {
      return session.signIn(input);
    },
    'staff.signOut': function signOutStaff() {
      return session.signOut();
    },
  };
}
