/**
 * Diagnostics for IT: each check says in plain Thai and English what it found. Features register their
 * own checks (card reader, devices, sync) through `addCheck`.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { DoctorCheck } from '../../contract/settings.std.js';
import type { StationDb } from '../db/stationDb.node.js';
import { schemaVersion } from '../db/stationDb.node.js';
import type { SettingsService } from '../settings/settingsService.node.js';
import type { LogWriteFailure } from '../logging/logger.node.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export type Check = () => Promise<DoctorCheck> | DoctorCheck;

export class Doctor {
  readonly #checks: Check[] = [];

  addCheck(check: Check): void {
    this.#checks.push(check);
  }

  async run(): Promise<DoctorCheck[]> {
    const results: DoctorCheck[] = [];
    for (const check of this.#checks) {
      try {
        results.push(await check());
      } catch (error) {
        const detail = errorMessage(error);
        results.push({ id: 'check', verdict: 'fail', th: `การตรวจล้มเหลว: ${detail}`, en: `Check failed: ${detail}` });
      }
    }
    return results;
  }
}

export function settingsCheck(settings: SettingsService): Check {
  return function checkSettings() {
    const current = settings.get();
    if (!current.configured) {
      return {
        id: 'settings',
        verdict: 'warn',
        th: 'ยังไม่ได้ตั้งค่าสถานี (รหัสสถานพยาบาลและชื่อสถานี)',
        en: 'Station not set up yet (hospital code and station name).',
      };
    }
    if (current.mode === 'demo') {
      return {
        id: 'settings',
        verdict: 'warn',
        th: `สถานีสาธิต (ข้อมูลสมมติ ไม่ใช่ของผู้ป่วยจริง ระบบกลางไม่รับ): รหัสสถานพยาบาล ${current.hcode ?? ''} สถานี "${current.stationName ?? ''}"`,
        en: `Demo station (made-up data, never a real patient's; central refuses it): hospital code ${current.hcode ?? ''}, station "${current.stationName ?? ''}".`,
      };
    }
    return {
      id: 'settings',
      verdict: 'ok',
      th: `ตั้งค่าแล้ว (สถานีจริง): รหัสสถานพยาบาล ${current.hcode ?? ''} สถานี "${current.stationName ?? ''}"`,
      en: `Set up (real station): hospital code ${current.hcode ?? ''}, station "${current.stationName ?? ''}".`,
    };
  };
}

export function databaseCheck(db: StationDb, file: string): Check {
  return function checkDatabase() {
    const integrity = db.pragma('quick_check', { simple: true });
    const version = schemaVersion(db);
    if (integrity !== 'ok') {
      return {
        id: 'database',
        verdict: 'fail',
        th: `ฐานข้อมูลสถานีเสียหาย (${String(integrity)}) ที่ ${file}`,
        en: `Station database damaged (${String(integrity)}) at ${file}.`,
      };
    }
    return {
      id: 'database',
      verdict: 'ok',
      th: `ฐานข้อมูลสถานีปกติ (รุ่น ${version}) ที่ ${file}`,
      en: `Station database healthy (schema ${version}) at ${file}.`,
    };
  };
}

export function logFolderCheck(logDir: string | null, writeFailure: () => LogWriteFailure | null = () => null): Check {
  return function checkLogFolder() {
    if (logDir === null)
      return { id: 'logs', verdict: 'warn', th: 'ไม่ได้เขียนล็อกลงไฟล์', en: 'Logs are not written to files.' };
    const failure = writeFailure();
    if (failure !== null) {
      const full = failure.code === 'ENOSPC';
      return {
        id: 'logs',
        verdict: 'fail',
        th: `${full ? 'ดิสก์เต็ม ' : ''}เขียนล็อกไม่ได้ตั้งแต่ ${failure.at} (${failure.code}) สถานียังทำงานต่อ แต่ไม่มีบันทึกการทำงานใหม่: ${logDir}`,
        en: `${full ? 'The disk is full: ' : ''}logs could not be written since ${failure.at} (${failure.code}); the station runs on without new logs: ${logDir}.`,
      };
    }
    try {
      mkdirSync(logDir, { recursive: true });
      accessSync(logDir, constants.W_OK);
      return { id: 'logs', verdict: 'ok', th: `เขียนล็อกได้ที่ ${logDir}`, en: `Log folder writable: ${logDir}.` };
    } catch {
      return { id: 'logs', verdict: 'fail', th: `เขียนล็อกไม่ได้ที่ ${logDir}`, en: `Cannot write logs to ${logDir}.` };
    }
  };
}
