/**
 * What the station remembers about cards (migration 3): which photos the front desk already stored, by keyed
 * hash of the cid and the card's issue date (tables of migration 3), so the next read of the same card skips the slow photo; and the
 * station's own key for that hash. Never a raw cid, never a photo.
 */
import { randomBytes } from 'node:crypto';
import type { StationDb } from '../db/stationDb.node.js';

export class CardStore {
  readonly #db: StationDb;

  constructor(db: StationDb) {
    this.#db = db;
  }

  photoStored(cidHash: string, issueDate: string | null): boolean {
    const row = this.#db
      .prepare<
        [string, string],
        { n: number }
      >('SELECT COUNT(*) AS n FROM card_photo_stored WHERE cid_hash = ? AND issue_date = ?')
      .get(cidHash, issueDate ?? '');
    return (row?.n ?? 0) > 0;
  }

  markPhotoStored(cidHash: string, issueDate: string | null, sha256: string, at: Date = new Date()): void {
    this.#db
      .prepare(
        'INSERT INTO card_photo_stored (cid_hash, issue_date, sha256, stored_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT(cid_hash, issue_date) DO UPDATE SET sha256 = excluded.sha256, stored_at = excluded.stored_at',
      )
      .run(cidHash, issueDate ?? '', sha256, at.toISOString());
  }

  /** The station's random 32-byte key, made on first use. */
  stationKey(): Uint8Array {
    const row = this.#db.prepare<[], { key: Buffer }>('SELECT key FROM card_station_key WHERE id = 1').get();
    if (row !== undefined) return Uint8Array.from(row.key);
    const key = randomBytes(32);
    this.#db
      .prepare('INSERT OR IGNORE INTO card_station_key (id, key, created_at) VALUES (1, ?, ?)')
      .run(key, new Date().toISOString());
    return this.stationKey();
  }
}
