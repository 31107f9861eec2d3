/**
 * The link chart (uPlot): share of probes that reached central (left axis, %) and their median round trip (right
 * axis, ms), per minute over the last hour or per 15 minutes over 24 h: the span that shows what there is
 * (spanFor), which IT can switch. A one-line summary beside it gives main's 24 h figures in words.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resizingPlot } from '../charts/resizingPlot.dom.js';
import type { LinkSummary } from '../../../electron/contract/sync.std.js';
import { linkSeries, spanFor, upPercent, type ChartSpan, type LinkBucketLike } from './linkChart.std.js';
import { absoluteTime, chartTick, durationText, spanText } from './timeText.std.js';

const HEIGHT = 220;

export interface LinkChartProps {
  /** The last 24 h in quarter hours. */
  readonly buckets: readonly LinkBucketLike[];
  /** The last hour in minutes. */
  readonly recent: readonly LinkBucketLike[];
  readonly summary: LinkSummary;
}

export function LinkChart({ buckets, recent, summary }: LinkChartProps) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<ChartSpan | null>(null);
  const span = chosen ?? spanFor(buckets);
  const shown = span === 'hour' ? recent : buckets;
  const language = i18n.language === 'en' ? 'en' : 'th';
  const timeLabel = t('sync.chart.time');
  const box = useRef<HTMLDivElement | null>(null);
  const percent = upPercent(summary);
  const upLabel = t('sync.chart.up');
  const rttLabel = t('sync.chart.rtt');

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const series = linkSeries(shown);
    return resizingPlot(
      element,
      HEIGHT,
      {
        scales: { x: { time: true }, up: { range: [0, 100] }, rtt: { auto: true } },
        series: [
          {
            label: timeLabel,
            value: (_plot, value) =>
              value === null ? '–' : absoluteTime(new Date(value * 1_000).toISOString(), language),
          },
          {
            label: upLabel,
            scale: 'up',
            stroke: '#1f7a3a',
            fill: 'rgba(31, 122, 58, 0.12)',
            width: 2,
            spanGaps: false,
            points: { show: true, size: 5 },
          },
          {
            label: rttLabel,
            scale: 'rtt',
            stroke: '#0b6e6e',
            width: 1.5,
            dash: [4, 3],
            spanGaps: false,
            points: { show: true, size: 4 },
          },
        ],
        axes: [
          { values: (_plot, ticks) => ticks.map((tick, index) => chartTick(tick, index === 0, language)) },
          { scale: 'up', label: '%' },
          { scale: 'rtt', side: 1, label: 'ms', grid: { show: false } },
        ],
        legend: { show: true },
      },
      [series.xs, series.upPercent, series.rttMs],
    );
  }, [shown, upLabel, rttLabel, timeLabel, language]);

  return (
    <div className="link-chart" data-testid="link-chart" data-span={span}>
      <div className="link-chart-span" role="group" aria-label={t('sync.chart.spanLabel')}>
        {(['hour', 'day'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className={option === span ? undefined : 'secondary'}
            aria-pressed={option === span}
            onClick={() => setChosen(option)}
            data-testid={`link-chart-span-${option}`}
          >
            {t(`sync.chart.span.${option}`)}
          </button>
        ))}
      </div>
      <p className="muted" data-testid="link-chart-summary">
        {percent === null
          ? t('sync.chart.noData')
          : t('sync.chart.summary', { percent, rtt: durationText(summary.medianRttMs) })}
        {summary.outages > 0
          ? ` · ${t('sync.chart.outages', { count: summary.outages, longest: spanText(summary.longestOutageMs, language) })}`
          : ''}
      </p>
      <div ref={box} className="link-chart-plot" />
    </div>
  );
}
