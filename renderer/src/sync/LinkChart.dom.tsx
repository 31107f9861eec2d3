/**
 * The link chart (uPlot): per link (central, and the hospital hub when IT set one), the share of probes that
 * reached it (left axis, %) and their median round trip (right axis, ms, dashed), per minute over the last
 * hour or per 15 minutes over 24 h: the span that shows what there is (spanForLinks), which IT can switch. A
 * one-line summary per link gives main's 24 h figures in words.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { resizingPlot } from '../charts/resizingPlot.dom.js';
import type { LinkSummary } from '../../../electron/contract/sync.std.js';
import {
  linksSeries,
  spanForLinks,
  upPercent,
  type ChartLink,
  type ChartLinkId,
  type ChartSpan,
} from './linkChart.std.js';
import { absoluteTime, chartTick, durationText, spanText } from './timeText.std.js';

const HEIGHT = 220;

/** Each link's colours: central's green and teal as before, the hub's blue and purple. */
const COLOURS: Record<ChartLinkId, { readonly up: string; readonly fill: string; readonly rtt: string }> = {
  central: { up: '#1f7a3a', fill: 'rgba(31, 122, 58, 0.12)', rtt: '#0b6e6e' },
  hub: { up: '#1f5fa8', fill: 'rgba(31, 95, 168, 0.10)', rtt: '#7a4fa0' },
};

export interface LinkChartProps {
  /** Central first, then the hub when one is set. */
  readonly links: readonly ChartLink[];
}

export function LinkChart({ links }: LinkChartProps) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<ChartSpan | null>(null);
  const span = chosen ?? spanForLinks(links.map((link) => link.buckets));
  const language = i18n.language === 'en' ? 'en' : 'th';
  const timeLabel = t('sync.chart.time');
  const box = useRef<HTMLDivElement | null>(null);
  const named = links.length > 1;
  const linkName = (id: ChartLinkId) => t(id === 'hub' ? 'sync.hub.hubLink' : 'sync.hub.centralLink');
  // Both change when main's status or the language does (links is memoised by the dashboard).
  const shown = useMemo(
    () => links.map((link) => ({ id: link.id, buckets: span === 'hour' ? link.recent : link.buckets })),
    [links, span],
  );
  const labels = useMemo(
    () =>
      links.map((link) => {
        const prefix = named ? `${t(link.id === 'hub' ? 'sync.hub.hubLink' : 'sync.hub.centralLink')}: ` : '';
        return { id: link.id, up: `${prefix}${t('sync.chart.up')}`, rtt: `${prefix}${t('sync.chart.rtt')}` };
      }),
    [links, named, t],
  );

  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const series = linksSeries(shown);
    const lines: uPlot.Series[] = labels.flatMap((label) => {
      const colour = COLOURS[label.id];
      return [
        {
          label: label.up,
          scale: 'up',
          stroke: colour.up,
          fill: colour.fill,
          width: 2,
          spanGaps: false,
          points: { show: true, size: 5 },
        },
        {
          label: label.rtt,
          scale: 'rtt',
          stroke: colour.rtt,
          width: 1.5,
          dash: [4, 3],
          spanGaps: false,
          points: { show: true, size: 4 },
        },
      ];
    });
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
          ...lines,
        ],
        axes: [
          { values: (_plot, ticks) => ticks.map((tick, index) => chartTick(tick, index === 0, language)) },
          { scale: 'up', label: '%' },
          { scale: 'rtt', side: 1, label: 'ms', grid: { show: false } },
        ],
        legend: { show: true },
      },
      [series.xs, ...series.links.flatMap((link) => [link.upPercent, link.rttMs])],
    );
  }, [shown, labels, timeLabel, language]);

  return (
    <div className="link-chart" data-testid="link-chart" data-span={span} data-links={links.length}>
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
      {links.map((link) => (
        <p
          key={link.id}
          className="muted"
          data-testid={link.id === 'central' ? 'link-chart-summary' : `link-chart-summary-${link.id}`}
        >
          {named && <strong>{linkName(link.id)} — </strong>}
          {summaryText(link.summary)}
        </p>
      ))}
      <div ref={box} className="link-chart-plot" />
    </div>
  );

  function summaryText(summary: LinkSummary): string {
    const percent = upPercent(summary);
    return (
      (percent === null
        ? t('sync.chart.noData')
        : t('sync.chart.summary', { percent, rtt: durationText(summary.medianRttMs) })) +
      (summary.outages > 0
        ? ` · ${t('sync.chart.outages', { count: summary.outages, longest: spanText(summary.longestOutageMs, language) })}`
        : '')
    );
  }
}
