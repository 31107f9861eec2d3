/**
 * What the dashboard, the header and `npm run sync -- status` show, folded from main's configuration, its
 * latest link probe and the renderer's last replication report. Pure, so every combination is unit-tested.
 */
import type { z } from 'zod';
import {
  NO_PROBES,
  type HubStatus,
  type LinkBucket,
  type LinkProbe,
  type LinkSummary,
  type ReplicationReport,
  type SyncState,
  type SyncStatus,
} from '../../contract/sync.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';
import type { LinkState } from '../../contract/link.std.js';
import type { Bilingual } from '../../../sync/model/bilingual.std.js';
import { combinedState, replicationLink } from '../../../sync/replication/linkPolicy.std.js';

export interface SyncConfigView {
  readonly centralUrl: string;
  readonly username: string;
  readonly database: string;
}

export type StoredReport = ReplicationReport & { readonly reportedAt: string };

export interface FoldInput {
  readonly config: SyncConfigView | null;
  /** Set when the configuration exists but its password cannot be read (keystore gone or refused). */
  readonly credentialsError: SyncErrorCode | null;
  readonly link: LinkProbe | null;
  readonly report: StoredReport | null;
  /** A report older than this came from an earlier run of the app: its counts are shown, its state is not. */
  readonly reportsValidFrom: string | null;
  readonly history: z.infer<typeof LinkBucket>[];
  /** The last hour's minutes (none given: no buckets). */
  readonly recent?: z.infer<typeof LinkBucket>[];
  /** The 24 h summary (none given: no probes). */
  readonly summary?: LinkSummary;
  /** The hospital hub, when set: its address, last probe and chart. */
  readonly hub?: HubStatus | null;
}

export function foldStatus(input: FoldInput): SyncStatus {
  const { config, report } = input;
  const current =
    report !== null && (input.reportsValidFrom === null || report.reportedAt >= input.reportsValidFrom) ? report : null;
  const folded =
    config !== null && input.credentialsError !== null
      ? { state: 'error' as const, errorCode: input.credentialsError }
      : combinedState(config !== null, replicationLink(input.link, input.hub, current), current);
  return {
    configured: config !== null,
    centralUrl: config?.centralUrl ?? null,
    database: config?.database ?? null,
    stationUser: config?.username ?? null,
    state: folded.state,
    errorCode: folded.errorCode,
    link: input.link,
    replication: report,
    linkHistory: input.history,
    linkRecent: input.recent ?? [],
    linkSummary: input.summary ?? NO_PROBES,
    hub: input.hub ?? null,
  };
}

/** The header's compact view (link.changed). */
export function linkStateOf(status: SyncStatus): LinkState {
  return {
    status: status.state,
    errorCode: status.errorCode,
    lastSyncAt: status.replication?.lastSuccessAt ?? null,
    pending: status.replication?.pending ?? 0,
  };
}

export const syncStateText: Record<SyncState, Bilingual> = {
  unconfigured: { th: 'ยังไม่ได้ตั้งค่าการเชื่อมต่อเซิร์ฟเวอร์กลาง', en: 'Not set up' },
  offline: { th: 'ออฟไลน์ (ทำงานต่อได้ ข้อมูลรอส่ง)', en: 'Offline (work goes on, records wait)' },
  connecting: { th: 'กำลังเชื่อมต่อ', en: 'Connecting' },
  syncing: { th: 'กำลังซิงก์', en: 'Syncing' },
  up_to_date: { th: 'ข้อมูลตรงกับเซิร์ฟเวอร์กลางแล้ว', en: 'Up to date' },
  error: { th: 'มีปัญหา', en: 'Error' },
};
