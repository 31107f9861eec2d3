import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStationDb, migrate, schemaVersion } from '../../../../../electron/services/db/stationDb.node.js';
import { stationMigrations } from '../../../../../electron/services/db/migrations.node.js';
import { SettingsService } from '../../../../../electron/services/settings/settingsService.node.js';
import { AuditLog } from '../../../../../electron/services/audit/auditLog.node.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-db-'));
  dirs.push(dir);
  return join(dir, 'station.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('station database', () => {
  it('applies numbered migrations once, in WAL mode', () => {
    const file = tempFile();
    const db = openStationDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(Math.max(...stationMigrations.map((m) => m.version)));
    expect(migrate(db, stationMigrations)).toBe(0);
    db.close();
  });

  it('commits durably (synchronous=FULL) for every user of the file: app, doctor, staff CLI alike', () => {
    const db = openStationDb(tempFile());
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('keeps settings across a reopen; setup makes the station id its central user (st-<hcode>-<code>)', () => {
    const file = tempFile();
    const first = new SettingsService(openStationDb(file));
    expect(first.get().stationId).toMatch(/^[0-9a-f-]{36}$/);
    first.setup({ hcode: '10953', stationName: 'จุดคัดกรอง 1', queuePrefix: 'A' });
    const again = new SettingsService(openStationDb(file));
    expect(again.get()).toMatchObject({
      configured: true,
      hcode: '10953',
      stationName: 'จุดคัดกรอง 1',
      queuePrefix: 'A',
      stationId: 'st-10953-a',
    });
    again.setup({ hcode: '10953', stationName: 'OPD 1', stationCode: 'opd-1' });
    expect(again.get()).toMatchObject({ queuePrefix: 'OPD1', stationId: 'st-10953-opd-1' });
  });

  it('keeps the working-set days IT set across a reopen (30 until set) and refuses days out of range', () => {
    const file = tempFile();
    const first = new SettingsService(openStationDb(file));
    expect(first.workingSetDays()).toBe(30);
    expect(first.setWorkingSetDays(90)).toBe(90);
    expect(new SettingsService(openStationDb(file)).workingSetDays()).toBe(90);
    expect(() => first.setWorkingSetDays(0)).toThrow(/1-3650/);
    expect(() => first.setWorkingSetDays(2.5)).toThrow(/1-3650/);
    expect(first.workingSetDays()).toBe(90);
  });

  it('refuses a hospital code that is not 5 digits', () => {
    const settings = new SettingsService(openStationDb(tempFile()));
    expect(() => settings.setup({ hcode: '1095', stationName: 'x' })).toThrow(/5 digits/);
  });

  it('keeps the audit log append-only and free of raw citizen ids', () => {
    const db = openStationDb(tempFile());
    const audit = new AuditLog(db, () => 'station-1');
    audit.append({
      actor: 'clerk',
      action: 'card.read',
      subjectHash: 'h:abc',
      detail: { note: 'read 1101700230705 ok', cid: '1101700230705' },
    });
    const row = db.prepare<[], { detail: string }>('SELECT detail FROM audit_log').get();
    expect(row?.detail).not.toMatch(/\d{13}/);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(audit.recent(5)).toHaveLength(1);
  });
});
