/**
 * The station's queue of NHSO authen requests (SQLite table nhso_authen, migration 14). The citizen id and the
 * mobile number stay in a row only while it is open (pending/retrying); every transition that closes a row
 * clears them in the same statement, and the table's CHECKs refuse anything else.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { AuthenRequest, AuthenState, ClaimType } from '../../contract/nhso.std.js';
import { isNhsoErrorCode, type NhsoErrorCode } from '../../contract/nhsoErrors.std.js';
import { DEFAULT_AGENT_URL } from './agentWire.std.js';

interface Row {
  id: string;
  encounter_id: string;
  patient_id: string;
  claim_type: string;
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  error_code: string | null;
  claim_code: string | null;
  claimed_at: string | null;
  stored_on_encounter: number;
  created_at: string;
  updated_at: string;
}

/** What is needed to ask the agent again: only while the request is open. */
export interface OpenAsk {
  readonly id: string;
  readonly cid: string;
  readonly mobile: string;
  readonly claimType: ClaimType;
  readonly hn: string | null;
  readonly correlationId: string;
  readonly attempts: number;
  readonly lastError: NhsoErrorCode | null;
  readonly createdAt: string;
}

export interface NewRequest {
  readonly id: string;
  readonly encounterId: string;
  readonly patientId: string;
  readonly cidHash: string;
  readonly cid: string;
  readonly mobile: string;
  readonly claimType: ClaimType;
  readonly hn: string | null;
  readonly correlationId: string;
  readonly at: string;
}

const PUBLIC_COLUMNS =
  'id, encounter_id, patient_id, claim_type, state, attempts, next_attempt_at, error_code, claim_code, claimed_at, stored_on_encounter, created_at, updated_at';

function toRequest(row: Row): AuthenRequest {
  return {
    id: row.id,
    encounterId: row.encounter_id,
    patientId: row.patient_id,
    claimType: row.claim_type as ClaimType,
    state: row.state as AuthenState,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    errorCode: row.error_code !== null && isNhsoErrorCode(row.error_code) ? row.error_code : null,
    claimCode: row.claim_code,
    claimedAt: row.claimed_at,
    storedOnEncounter: row.stored_on_encounter === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class AuthenStore {
  readonly #db: StationDb;

  constructor(db: StationDb) {
    this.#db = db;
  }

  get(id: string): AuthenRequest | null {
    const row = this.#db.prepare<[string], Row>(`SELECT ${PUBLIC_COLUMNS} FROM nhso_authen WHERE id = ?`).get(id);
    return row === undefined ? null : toRequest(row);
  }

  byEncounter(encounterId: string): AuthenRequest | null {
    const row = this.#db
      .prepare<[string], Row>(`SELECT ${PUBLIC_COLUMNS} FROM nhso_authen WHERE encounter_id = ?`)
      .get(encounterId);
    return row === undefined ? null : toRequest(row);
  }

  /** A new request, or a fresh one in place of a failed request for the same visit. */
  insert(request: NewRequest): AuthenRequest {
    this.#db
      .prepare(
        `INSERT INTO nhso_authen (id, encounter_id, patient_id, cid_hash, cid, mobile, claim_type, hn, correlation_id, state, created_at, updated_at)
         VALUES (@id, @encounterId, @patientId, @cidHash, @cid, @mobile, @claimType, @hn, @correlationId, 'pending', @at, @at)
         ON CONFLICT(encounter_id) DO UPDATE SET id = excluded.id, patient_id = excluded.patient_id, cid_hash = excluded.cid_hash, cid = excluded.cid,
           mobile = excluded.mobile, claim_type = excluded.claim_type, hn = excluded.hn, correlation_id = excluded.correlation_id, state = 'pending',
           attempts = 0, next_attempt_at = NULL, error_code = NULL, created_at = excluded.created_at, updated_at = excluded.updated_at
         WHERE nhso_authen.state = 'failed'`,
      )
      .run(request);
    return this.byEncounter(request.encounterId) ?? fail(request.encounterId);
  }

  ask(id: string): OpenAsk | null {
    const row = this.#db
      .prepare<
        [string],
        {
          id: string;
          cid: string;
          mobile: string;
          claim_type: string;
          hn: string | null;
          correlation_id: string;
          attempts: number;
          error_code: string | null;
          created_at: string;
        }
      >(
        "SELECT id, cid, mobile, claim_type, hn, correlation_id, attempts, error_code, created_at FROM nhso_authen WHERE id = ? AND state IN ('pending', 'retrying')",
      )
      .get(id);
    if (row === undefined) return null;
    return {
      id: row.id,
      cid: row.cid,
      mobile: row.mobile,
      claimType: row.claim_type as ClaimType,
      hn: row.hn,
      correlationId: row.correlation_id,
      attempts: row.attempts,
      lastError: row.error_code !== null && isNhsoErrorCode(row.error_code) ? row.error_code : null,
      createdAt: row.created_at,
    };
  }

  /** Open requests, soonest first (a restart picks them all up). */
  open(): AuthenRequest[] {
    return this.#db
      .prepare<
        [],
        Row
      >(`SELECT ${PUBLIC_COLUMNS} FROM nhso_authen WHERE state IN ('pending', 'retrying') ORDER BY COALESCE(next_attempt_at, created_at)`)
      .all()
      .map(toRequest);
  }

  list(encounterIds?: readonly string[]): AuthenRequest[] {
    if (encounterIds === undefined)
      return this.#db
        .prepare<[], Row>(`SELECT ${PUBLIC_COLUMNS} FROM nhso_authen ORDER BY created_at`)
        .all()
        .map(toRequest);
    const select = this.#db.prepare<[string], Row>(`SELECT ${PUBLIC_COLUMNS} FROM nhso_authen WHERE encounter_id = ?`);
    return encounterIds.flatMap((id) => {
      const row = select.get(id);
      return row === undefined ? [] : [toRequest(row)];
    });
  }

  gotCode(id: string, claimCode: string, claimedAt: string | null, at: string): void {
    this.#close(id, "state = 'got_code', claim_code = @claimCode, claimed_at = @claimedAt, error_code = NULL", {
      claimCode,
      claimedAt,
      at,
    });
  }

  failed(id: string, code: NhsoErrorCode, at: string): void {
    this.#close(id, "state = 'failed', error_code = @code", { code, at });
  }

  retrying(id: string, code: NhsoErrorCode, nextAttemptAt: string, at: string): void {
    this.#db
      .prepare(
        "UPDATE nhso_authen SET state = 'retrying', attempts = attempts + 1, error_code = @code, next_attempt_at = @nextAttemptAt, updated_at = @at WHERE id = @id AND state IN ('pending', 'retrying')",
      )
      .run({ id, code, nextAttemptAt, at });
  }

  markStored(id: string, at: string): void {
    this.#db
      .prepare("UPDATE nhso_authen SET stored_on_encounter = 1, updated_at = ? WHERE id = ? AND state = 'got_code'")
      .run(at, id);
  }

  /** Finished requests older than `before` (ISO); open ones are never pruned. */
  prune(before: string): number {
    return this.#db
      .prepare("DELETE FROM nhso_authen WHERE state IN ('got_code', 'failed') AND updated_at < ?")
      .run(before).changes;
  }

  agentUrl(): string | null {
    return (
      this.#db.prepare<[], { agent_url: string }>('SELECT agent_url FROM nhso_settings WHERE id = 1').get()
        ?.agent_url ?? null
    );
  }

  setAgentUrl(url: string, at: string): void {
    this.#db
      .prepare(
        'INSERT INTO nhso_settings (id, agent_url, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET agent_url = excluded.agent_url, updated_at = excluded.updated_at',
      )
      .run(url, at);
  }

  /** The address in use: IT's stored setting, else the node's default (dev:browser --nhso-agent), else the agent's own port. */
  effectiveAgentUrl(fallback: string | undefined): string {
    return this.agentUrl() ?? fallback ?? DEFAULT_AGENT_URL;
  }

  #close(id: string, set: string, values: Record<string, string | null>): void {
    this.#db
      .prepare(
        `UPDATE nhso_authen SET ${set}, attempts = attempts + 1, cid = NULL, mobile = NULL, next_attempt_at = NULL, updated_at = @at WHERE id = @id AND state IN ('pending', 'retrying')`,
      )
      .run({ ...values, id });
  }
}

function fail(encounterId: string): never {
  throw new Error(`authen request for ${encounterId} was not stored`);
}
