/**
 * The station's clinics / service points (migration 16): the front desk picks one for each visit; IT edits the
 * list. A save replaces the list whole in one transaction; a code once listed is never dropped (past visits name
 * it), only switched off, and one point at least stays in use.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { ServicePointList } from '../../contract/visit.std.js';
import type { Handlers } from '../dispatcher.node.js';
import { EdgeError } from '../../contract/result.std.js';

interface PointRow {
  code: string;
  th: string;
  en: string;
  active: number;
}

export class ServicePointService {
  readonly #db: StationDb;
  readonly #audit: AuditLog;

  constructor(db: StationDb, audit: AuditLog) {
    this.#db = db;
    this.#audit = audit;
  }

  list(): ServicePointList {
    const rows = this.#db
      .prepare<[], PointRow>('SELECT code, th, en, active FROM service_points ORDER BY position, code')
      .all();
    return { points: rows.map((row) => ({ code: row.code, th: row.th, en: row.en, active: row.active === 1 })) };
  }

  replace(list: ServicePointList): ServicePointList {
    const codes = list.points.map((point) => point.code);
    if (new Set(codes).size !== codes.length)
      throw new EdgeError('service_point_duplicate', 'two service points share a code');
    if (!list.points.some((point) => point.active))
      throw new EdgeError('service_point_none_active', 'no service point is in use');
    const existing = this.list().points.map((point) => point.code);
    if (existing.some((code) => !codes.includes(code)))
      throw new EdgeError('service_point_removed', 'a listed service point was left out');
    const upsert = this.#db.prepare<[{ code: string; th: string; en: string; activeFlag: number; position: number }]>(
      `INSERT INTO service_points (code, th, en, active, position) VALUES (@code, @th, @en, @activeFlag, @position)
       ON CONFLICT (code) DO UPDATE SET th = excluded.th, en = excluded.en, active = excluded.active, position = excluded.position`,
    );
    this.#db.transaction(() => {
      list.points.forEach((point, position) =>
        upsert.run({ code: point.code, th: point.th, en: point.en, activeFlag: point.active ? 1 : 0, position }),
      );
    })();
    this.#audit.append({
      action: 'visit.servicePoints',
      detail: { points: list.points.length, active: list.points.filter((point) => point.active).length },
    });
    return this.list();
  }
}

export function visitHandlers(
  points: ServicePointService,
): Pick<Handlers, 'visit.servicePoints' | 'visit.setServicePoints'> {
  return {
    'visit.servicePoints': () => points.list(),
    'visit.setServicePoints': (input) => points.replace(input),
  };
}
