/**
 * Who may run each command, checked by main's dispatcher before the handler (never only in the UI).
 * - `anyone`: the station's own machinery and signing in (settings, link status, replication endpoints and
 *   "sync now", hardware presence): nothing here reads or writes a patient's data or changes how the station works.
 * - a role list: clinical work is the front desk's and the nurses'; station setup, sync configuration,
 *   device ports and listeners, staff management, the audit trail and diagnostics are IT's (IT sees no patient).
 * First-run setup is open until the station is set up (nobody can have signed in before it exists), and
 * connecting to central stays open until the station knows a staff account: the accounts come from central,
 * so a station nobody can sign in to must still be able to fetch them (docs/SECURITY.md weighs this).
 */
import type { CommandName } from './contract.std.js';
import type { StaffRole } from '../../sync/model/staff.std.js';

export type Access = 'anyone' | readonly StaffRole[];

const CLINICAL: readonly StaffRole[] = ['front_desk', 'nurse'];
const IT: readonly StaffRole[] = ['it'];
const DEMO_CONTROLS: readonly StaffRole[] = ['front_desk', 'nurse', 'it'];
/** Whoever is signed in, any role: what the station's printer is (no patient data). */
const ANY_STAFF: readonly StaffRole[] = ['front_desk', 'nurse', 'it'];

export const COMMAND_ACCESS: Readonly<Record<CommandName, Access>> = {
  'settings.get': 'anyone',
  'settings.setLanguage': 'anyone',
  'settings.setup': IT,
  'audit.recent': IT,
  'diagnostics.run': IT,
  'card.readers': 'anyone',
  'card.read': CLINICAL,
  'card.markPhotoStored': CLINICAL,
  'card.demoInsert': DEMO_CONTROLS,
  'card.demoRemove': DEMO_CONTROLS,
  'identity.keyInfo': 'anyone',
  'identity.recordMerges': 'anyone',
  'identity.patientId': CLINICAL,
  'devices.list': 'anyone',
  'devices.binding': 'anyone',
  'devices.configure': IT,
  'devices.listener': IT,
  'devices.listeners': IT,
  'devices.retention': IT,
  'devices.setCodeMap': IT,
  'devices.codeMap': IT,
  'devices.pending': CLINICAL,
  'devices.bind': CLINICAL,
  'devices.assign': CLINICAL,
  'devices.confirm': CLINICAL,
  'devices.discard': CLINICAL,
  'devices.simulate': DEMO_CONTROLS,
  'staff.current': 'anyone',
  'staff.signIn': 'anyone',
  'staff.signInWithCard': 'anyone',
  'staff.unlock': 'anyone',
  'staff.activity': 'anyone',
  'staff.signOut': 'anyone',
  'staff.accounts': IT,
  'staff.refresh': IT,
  'staff.clearLockout': IT,
  'staff.addStation': IT,
  'staff.setStationActive': IT,
  'staff.setIdleMinutes': IT,
  'sync.status': 'anyone',
  'sync.endpoint': 'anyone',
  'sync.report': 'anyone',
  'sync.now': 'anyone',
  'sync.configure': IT,
  'sync.conflicts': IT,
  'sync.rejections': IT,
  'sync.workingSet': IT,
  'sync.setWorkingSet': IT,
  'sync.hub': IT,
  'sync.setHub': IT,
  // The printer's address is IT's to set; printing a slip is the front desk's (and a nurse's reprint).
  'printer.settings': ANY_STAFF,
  'printer.configure': IT,
  'printer.printSlip': CLINICAL,
  // The clinic list is station configuration: IT edits it; the front desk (and nurses) read it to make and show visits.
  'visit.servicePoints': ANY_STAFF,
  'visit.setServicePoints': IT,
  // The NHSO authen code is the front desk's (a clinical act on a patient); where the agent answers is IT's.
  'nhso.requestAuthen': CLINICAL,
  'nhso.authenRequests': CLINICAL,
  'nhso.markStored': CLINICAL,
  'nhso.retryNow': CLINICAL,
  'nhso.readRights': CLINICAL,
  'nhso.latestAuthen': CLINICAL,
  'nhso.settings': IT,
  'nhso.setAgentUrl': IT,
};

export type AccessDenial = 'staff_not_signed_in' | 'staff_locked' | 'staff_forbidden';

export interface AccessContext {
  readonly role: StaffRole | null;
  readonly locked: boolean;
  /** The station has been set up (first-run setup is open before). */
  readonly configured: boolean;
  /** The station knows no staff account yet: connecting to central (where they come from) is open. */
  readonly noAccounts: boolean;
}

/** What a station with no staff account may still do to get them. */
const BOOTSTRAP: ReadonlySet<CommandName> = new Set(['settings.setup', 'sync.configure', 'staff.refresh']);

/** Why `name` may not run now, or undefined when it may. Reads `configured` and `noAccounts` only for the commands they open. */
export function accessDenied(name: CommandName, context: AccessContext): AccessDenial | undefined {
  const access = COMMAND_ACCESS[name];
  if (access === 'anyone') return undefined;
  if (name === 'settings.setup' && !context.configured) return undefined;
  if (BOOTSTRAP.has(name) && context.noAccounts) return undefined;
  if (context.role === null) return 'staff_not_signed_in';
  if (context.locked) return 'staff_locked';
  return access.includes(context.role) ? undefined : 'staff_forbidden';
}
