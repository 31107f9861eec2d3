/**
 * A returning patient's earlier visits at a glance: a uPlot chart of blood pressure and pulse (left axis) and
 * weight (right axis), one point per visit dated in พ.ศ. (Gregorian in English), and the same figures with the
 * NEWS2 total per visit in a table beneath it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { resizingPlot } from '../charts/resizingPlot.dom.js';
import { visitDate, type VisitPoint } from './visitHistory.std.js';
import type { OlderHistory } from './useOlderHistory.dom.js';

const HEIGHT = 220;

function series(points: readonly VisitPoint[], pick: (point: VisitPoint) => number | undefined): (number | null)[] {
  return points.map((point) => pick(point) ?? null);
}

/** What central added or why it could not: a line under the title (nothing when it had nothing older). */
function olderKey(older: OlderHistory): 'olderOffline' | 'olderFailed' | 'olderFromCentral' | null {
  if (older.kind === 'offline') return 'olderOffline';
  if (older.kind === 'failed') return 'olderFailed';
  return older.kind === 'loaded' && older.observations.length > 0 ? 'olderFromCentral' : null;
}

export function VisitHistory({
  points,
  older = { kind: 'none' },
}: {
  readonly points: readonly VisitPoint[];
  readonly older?: OlderHistory;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'th';
  const box = useRef<HTMLDivElement | null>(null);
  const labels = points.map((point) => visitDate(point.at, language));
  const words = {
    date: t('vitals.history.date'),
    systolic: t('vitals.history.systolic'),
    diastolic: t('vitals.history.diastolic'),
    pulse: t('vitals.history.pulse'),
    weight: t('vitals.history.weight'),
    left: t('vitals.history.axisLeft'),
    right: t('vitals.history.axisRight'),
  };
  const key = JSON.stringify([points, labels, words]);

  useEffect(() => {
    const element = box.current;
    if (element === null || points.length === 0) return;
    const xs = points.map((_, index) => index);
    const dateOf = (value: number | null): string => (value === null ? '–' : (labels[Math.round(value)] ?? ''));
    return resizingPlot(
      element,
      HEIGHT,
      {
        // Fixed floors keep a small change small: pressure and pulse from 40 to at least 180, weight ±5 kg.
        scales: {
          x: { time: false, range: [-0.5, Math.max(0.5, points.length - 0.5)] },
          vitals: {
            range: (_plot, min, max) => [
              Math.min(40, Math.floor(min / 10) * 10 - 10),
              Math.max(180, Math.ceil(max / 10) * 10 + 10),
            ],
          },
          kg: { range: (_plot, min, max) => [Math.max(0, Math.floor(min) - 5), Math.ceil(max) + 5] },
        },
        series: [
          { label: words.date, value: (_plot, value) => dateOf(value) },
          { label: words.systolic, scale: 'vitals', stroke: '#b3261e', width: 2, points: { show: true, size: 7 } },
          { label: words.diastolic, scale: 'vitals', stroke: '#e8833a', width: 2, points: { show: true, size: 7 } },
          {
            label: words.pulse,
            scale: 'vitals',
            stroke: '#0b6e6e',
            width: 1.5,
            dash: [4, 3],
            points: { show: true, size: 6 },
          },
          { label: words.weight, scale: 'kg', stroke: '#4a4a9c', width: 1.5, points: { show: true, size: 6 } },
        ],
        axes: [
          { splits: () => xs, values: (_plot, ticks) => ticks.map((tick) => dateOf(tick)) },
          { scale: 'vitals', label: words.left },
          { scale: 'kg', side: 1, label: words.right, grid: { show: false } },
        ],
        legend: { show: true },
      },
      [
        xs,
        series(points, (p) => p.systolic),
        series(points, (p) => p.diastolic),
        series(points, (p) => p.pulse),
        series(points, (p) => p.weight),
      ],
    );
    // `key` holds everything the chart draws.
  }, [key]);

  return (
    <div className="card wide visit-history" data-testid="visit-history">
      <h3>
        {t('vitals.history.title')}{' '}
        {points.length > 0 && <span className="muted">({t('vitals.history.visits', { count: points.length })})</span>}
      </h3>
      {olderKey(older) !== null && (
        <p className="muted" data-testid="visit-history-older">
          {t(`vitals.history.${olderKey(older) ?? ''}`, {
            count: older.kind === 'loaded' ? older.observations.length : 0,
          })}
        </p>
      )}
      {points.length === 0 ? (
        <p className="muted">{t('vitals.history.none')}</p>
      ) : (
        <>
          <div ref={box} className="history-plot" data-testid="visit-history-plot" />
          <table className="history-table">
            <thead>
              <tr>
                <th>{t('vitals.history.date')}</th>
                <th>{t('vitals.history.bp')}</th>
                <th>{t('vitals.history.pulse')}</th>
                <th>{t('vitals.history.weight')}</th>
                <th>{t('vitals.history.news2')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point, index) => (
                <tr key={point.key} data-testid="visit-history-row">
                  <td>{labels[index]}</td>
                  <td className="num">
                    {point.systolic === undefined ? '—' : `${String(point.systolic)}/${String(point.diastolic ?? '—')}`}
                  </td>
                  <td className="num">{point.pulse ?? '—'}</td>
                  <td className="num">{point.weight ?? '—'}</td>
                  <td className="num" data-testid="visit-history-news2">
                    {point.news2 ?? <span className="muted">{t('vitals.history.notComplete')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
