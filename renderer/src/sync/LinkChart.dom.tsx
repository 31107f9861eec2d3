/**
 * The 24 h link chart (uPlot): share of probes that reached central per 15 minutes (left axis, %) and their
 * median round trip (right axis, ms). A one-line summary beside it gives main's figures in words.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LinkSummary } from '../../../electron/contract/sync.std.js';
import { linkSeries, upPercent, type LinkBucketLike } from './linkChart.std.js';
import { absoluteTime, chartTick, durationText, spanText } from './timeText.std.js';

const HEIGHT = 220;

export function LinkChart({ buckets, summary }: { readonly buckets: readonly LinkBucketLike[]; readonly summary: LinkSummary }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'th';
  const timeLabel = t('sync.chart.time');
  const box = useRef<HTMLDivElement | null>(null);
  const percent = upPercent(summary);
  const upLabel = t('sync.chart.up');
  const rttLabel = t('sync.chart.rtt');

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const series = linkSeries(buckets);
    const plot = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true }, up: { range: [0, 100] }, rtt: { auto: true } },
        series: [
          { label: timeLabel, value: (_plot, value) => (value === null ? '–' : absoluteTime(new Date(value * 1_000).toISOString(), language)) },
          { label: upLabel, scale: 'up', stroke: '#1f7a3a', fill: 'rgba(31, 122, 58, 0.12)', width: 2, spanGaps: false, points: { show: true, size: 5 } },
          { label: rttLabel, scale: 'rtt', stroke: '#0b6e6e', width: 1.5, dash: [4, 3], spanGaps: false, points: { show: true, size: 4 } },
        ],
        axes: [{ values: (_plot, ticks) => ticks.map((tick, index) => chartTick(tick, index === 0, language)) }, { scale: 'up', label: '%' }, { scale: 'rtt', side: 1, label: 'ms', grid: { show: false } }],
        legend: { show: true },
      },
      [series.xs, series.upPercent, series.rttMs],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [buckets, upLabel, rttLabel, timeLabel, language]);

  return (
    <div className="link-chart" data-testid="link-chart">
      <p className="muted" data-testid="link-chart-summary">
        {percent === null ? t('sync.chart.noData') : t('sync.chart.summary', { percent, rtt: durationText(summary.medianRttMs) })}
        {summary.outages > 0 ? ` · ${t('sync.chart.outages', { count: summary.outages, longest: spanText(summary.longestOutageMs, language) })}` : ''}
      </p>
      <div ref={box} className="link-chart-plot" />
    </div>
  );
}
