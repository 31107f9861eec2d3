/**
 * Visit details the station keeps: the clinics / service points a visit can go to (IT's list in the station
 * SQLite, migration 16; the front desk reads it when it makes a visit). A point is never deleted, only made
 * inactive, so past visits keep a name in both languages.
 */
import { z } from 'zod';
import { command } from './define.std.js';
import { ServicePoint } from '../../sync/model/visitDetails.std.js';

export const ServicePointList = z.strictObject({ points: z.array(ServicePoint).min(1).max(50) });
export type ServicePointList = z.infer<typeof ServicePointList>;

export const visitCommands = {
  'visit.servicePoints': command(z.object({}).strict(), ServicePointList),
  'visit.setServicePoints': command(ServicePointList, ServicePointList),
} as const;
