/** Handlers of the staff feature: sign-in with a PIN or card, idle lock, and IT's view of the accounts. */
import type { Handlers } from '../dispatcher.node.js';
import { EdgeError } from '../../contract/result.std.js';
import type { StaffSession } from './staffSession.node.js';
import type { StaffDirectory } from './staffDirectory.node.js';
import type { StaffAccountsFetch } from './staffAccountsFetch.node.js';
import type { SyncService } from '../sync/syncService.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import { addStationAccount, setStationAccountActive } from './stationAccounts.node.js';

type StaffHandlers = Pick<
  Handlers,
  | 'staff.current'
  | 'staff.signIn'
  | 'staff.signInWithCard'
  | 'staff.unlock'
  | 'staff.activity'
  | 'staff.signOut'
  | 'staff.accounts'
  | 'staff.refresh'
  | 'staff.clearLockout'
  | 'staff.addStation'
  | 'staff.setStationActive'
  | 'staff.setIdleMinutes'
>;

export function staffHandlers(
  session: StaffSession,
  directory: StaffDirectory,
  fetch: StaffAccountsFetch,
  sync: SyncService,
  audit: AuditLog,
): StaffHandlers {
  return {
    'staff.current': function currentStaff() {
      return session.current();
    },
    'staff.signIn': function signInStaff(input) {
      return session.signIn(input.code, input.pin);
    },
    'staff.signInWithCard': function signInWithCard(input) {
      return session.signInWithCard(input.pin);
    },
    'staff.unlock': function unlockStation(input) {
      return session.unlock(input.pin);
    },
    'staff.activity': function staffActivity() {
      return session.activity();
    },
    'staff.signOut': function signOutStaff() {
      return session.signOut();
    },
    'staff.accounts': function staffAccounts() {
      return directory.info(new Date());
    },
    'staff.refresh': async function refreshAccounts() {
      const central = sync.central();
      if (central === null)
        throw new EdgeError('sync_not_configured', 'staff accounts come from central: sync is not configured');
      return { accounts: await fetch.run(central.session, central.hcode) };
    },
    'staff.clearLockout': function clearLockout(input) {
      session.clearLockout(input.code);
      return directory.info(new Date());
    },
    'staff.addStation': async function addStation(input) {
      await addStationAccount(directory, input);
      audit.append({ action: 'staff.stationAccount', detail: { code: input.code, role: input.role, active: true } });
      session.accountsChanged();
      return directory.info(new Date());
    },
    'staff.setStationActive': function setStationActive(input) {
      setStationAccountActive(directory, input.code, input.active);
      audit.append({ action: 'staff.stationAccount', detail: { code: input.code, active: input.active } });
      return directory.info(new Date());
    },
    'staff.setIdleMinutes': function setIdleMinutes(input) {
      return session.setIdleMinutes(input.minutes);
    },
  };
}
