/**
 * Fetches the hospital's staff accounts from central's secrets database (readable by the hospital's stations,
 * written by admins only) into the station database: after setup, whenever the link comes back, and when IT
 * asks. A failed fetch keeps the accounts the station had, so sign-in goes on working offline.
 */
import { z } from 'zod';
import { secretsDatabaseName } from '../../../sync/central/designDocs.std.js';
import { readStaffAccount, type StaffAccount } from '../../../sync/model/staff.std.js';
import { EdgeError } from '../../contract/result.std.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { CentralSession } from '../sync/centralSession.node.js';
import { failureCode } from '../sync/centralRequest.node.js';
import type { StaffDirectory } from './staffDirectory.node.js';

const AllDocs = z.object({ rows: z.array(z.object({ doc: z.unknown().optional() })) });

export async function fetchStaffAccounts(session: CentralSession, hcode: string): Promise<StaffAccount[]> {
  const range = `startkey=${encodeURIComponent('"Practitioner/"')}&endkey=${encodeURIComponent('"Practitioner/\uffff"')}&include_docs=true`;
  const answer = await session.get(`/${secretsDatabaseName(hcode)}/_all_docs?${range}`);
  if (answer.status !== 200)
    throw new EdgeError(failureCode(null, answer.status), `staff accounts: HTTP ${String(answer.status)}`);
  const body = AllDocs.safeParse(JSON.parse(answer.text));
  if (!body.success) throw new EdgeError('sync_server_error', 'staff accounts: unexpected answer from central');
  return body.data.rows.flatMap((row) => readStaffAccount(row.doc) ?? []);
}

export class StaffAccountsFetch {
  readonly #directory: StaffDirectory;
  readonly #audit: AuditLog;
  readonly #log: Logger;
  readonly #fetched: () => void;

  /** `fetched`: told after the accounts are replaced (the sign-in screen learns whether there are any now). */
  constructor(directory: StaffDirectory, audit: AuditLog, log: Logger, fetched: () => void) {
    this.#directory = directory;
    this.#audit = audit;
    this.#log = log;
    this.#fetched = fetched;
  }

  async run(session: CentralSession, hcode: string): Promise<number> {
    try {
      const accounts = await fetchStaffAccounts(session, hcode);
      this.#directory.replaceCentral(accounts, new Date());
      this.#audit.append({ actor: 'system', action: 'staff.accountsFetched', detail: { accounts: accounts.length } });
      this.#fetched();
      return accounts.length;
    } catch (error) {
      this.#log.warn(
        { code: error instanceof EdgeError ? error.code : failureCode(error) },
        'staff accounts not fetched; the station keeps the ones it has',
      );
      throw error;
    }
  }
}
