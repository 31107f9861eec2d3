/**
 * `npm run sync -- status` as text: the dashboard's facts in Thai and English, one per line, for IT at a
 * terminal. Pure (status, 24 h summary and the clock in, lines out).
 */
import { errorText } from '../../contract/errors.std.js';
import type { SyncStatus } from '../../contract/sync.std.js';
import type { LinkSummary } from './linkChart.std.js';
import { syncStateText } from './syncStatus.std.js';

function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 120) return `${minutes} นาทีที่แล้ว / ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return `${hours} ชม.ที่แล้ว / ${hours} h ago`;
}

/** One character per bucket: ▁ (all probes failed) to █ (all reached central), · no probes. */
export function sparkline(upRatios: readonly (number | null)[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  return upRatios
    .map((ratio) => (ratio === null ? '·' : (bars[Math.round(ratio * (bars.length - 1))] ?? '?')))
    .join('');
}

export function statusLines(status: SyncStatus, summary: LinkSummary, now: number): string[] {
  const state = syncStateText[status.state];
  const lines = [`สถานะ / State: ${state.th} / ${state.en}`];
  if (status.errorCode !== null)
    lines.push(`ปัญหา / Problem: ${errorText[status.errorCode].th} / ${errorText[status.errorCode].en}`);
  if (!status.configured) return lines;
  lines.push(
    `เซิร์ฟเวอร์กลาง / Central: ${status.centralUrl ?? ''} (${status.database ?? ''}, ${status.stationUser ?? ''})`,
  );
  const link = status.link;
  if (link === null) lines.push('ลิงก์ / Link: ยังไม่ได้ตรวจ / not probed yet');
  else {
    const word = link.up
      ? `ใช้ได้ / up${link.rttMs === null ? '' : ` (${link.rttMs} ms)`}`
      : `ขาด / down (${link.errorCode ?? 'sync_offline'})`;
    lines.push(`ลิงก์ / Link: ${word}, ตรวจล่าสุด / probed ${ago(link.at, now)}`);
  }
  const report = status.replication;
  if (status.hub !== null) {
    const hubLink = status.hub.link;
    const word =
      hubLink === null
        ? 'ไม่ทราบ (แอปไม่ได้ทำงาน) / not known (the app is not running)'
        : hubLink.up
          ? 'ใช้ได้ / up'
          : `ขาด / down (${hubLink.errorCode ?? 'sync_offline'})`;
    const path =
      report?.path === 'hub'
        ? 'ฮับ / the hub'
        : report?.path === 'central'
          ? 'เซิร์ฟเวอร์กลางโดยตรง / central directly'
          : 'ไม่ทราบ / not known';
    lines.push(`ฮับในโรงพยาบาล / Hospital hub: ${status.hub.url}, ${word}; ซิงก์ผ่าน / syncing over: ${path}`);
  }
  if (report === null) {
    lines.push('การซิงก์ / Replication: ยังไม่มีรายงานจากหน้าจอ / no report from the app yet');
  } else {
    lines.push(`รอส่ง / Pending: ${report.pending}`);
    lines.push(
      `ซิงก์สำเร็จล่าสุด / Last success: ${report.lastSuccessAt === null ? 'ยังไม่เคย / never' : `${report.lastSuccessAt} (${ago(report.lastSuccessAt, now)})`}`,
    );
    lines.push(
      `ส่งขึ้น / Up: ${report.docsUp}   รับลง / Down: ${report.docsDown}   แก้ข้อขัดแย้งเอง / Conflicts settled: ${report.conflictsResolved}`,
    );
    lines.push(`รายงานเมื่อ / Reported: ${report.reportedAt}`);
    lines.push(`ข้อขัดแย้งรอไอที / Conflicts for IT: ${report.conflicts.length}`);
    for (const conflict of report.conflicts.slice(0, 20))
      lines.push(`  ${conflict.id} [${conflict.revs.join(', ')}]: ${conflict.reason}`);
    lines.push(`ถูกปฏิเสธ / Rejected: ${report.rejections.length}`);
    for (const rejection of report.rejections.slice(0, 20))
      lines.push(
        `  ${rejection.id}${rejection.status === null ? '' : ` (HTTP ${rejection.status})`}: ${rejection.reason}`,
      );
  }
  const share = summary.upRatio === null ? 'ไม่มีข้อมูล / no data' : `${(summary.upRatio * 100).toFixed(1)}%`;
  lines.push(
    `ลิงก์ 24 ชม. / Link 24 h: ${share} ของการตรวจ / of ${summary.probes} probes, ขาด / outages ${summary.outages}, นานสุด / longest ${Math.round(summary.longestOutageMs / 60_000)} min, rtt ${summary.medianRttMs ?? '-'} ms`,
  );
  lines.push(`  ${sparkline(status.linkHistory.map((bucket) => bucket.upRatio))}`);
  return lines;
}

/** Non-zero exit for states IT must act on. */
export function exitCodeOf(status: SyncStatus): number {
  return status.state === 'error' || status.state === 'unconfigured' ? 1 : 0;
}
