/**
 * Two or more readings of one vital at one time, side by side: one column per device, one row per vital; for
 * each contested vital the nurse picks a column. Nothing of the group is charted before every pick is made.
 */
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { displayRows } from './displayRows.std.js';
import { chartableValues } from '../../../sync/model/readingChart.std.js';
import { choiceKey, groupChosen, vitalOf, type Choices, type SameVitalGroup } from './sameVital.std.js';
import { timeOfDay } from './time.dom.js';

function cellText(item: InboxItem, vital: string): string | null {
  const values = chartableValues(item.reading?.values ?? []).items.filter((value) => vitalOf(value.code) === vital);
  return displayRows(values)[0]?.text ?? null;
}

export function SameVitalGroupCard({
  group,
  choices,
  onChoose,
  onChart,
  busy,
}: {
  readonly group: SameVitalGroup;
  readonly choices: Choices;
  readonly onChoose: (vital: string, inboxId: string) => void;
  readonly onChart: () => void;
  readonly busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const vitals = [
    ...new Set(
      group.items.flatMap((item) =>
        chartableValues(item.reading?.values ?? []).items.map((value) => vitalOf(value.code)),
      ),
    ),
  ];
  return (
    <li className="same-vital" data-testid="same-vital-group">
      <p className="notice notice-warn small">
        <strong>{t('vitals.sameVitalTitle', { count: group.items.length })}</strong>
        <br />
        {t('vitals.sameVitalHint')}
      </p>
      <table className="same-vital-table">
        <thead>
          <tr>
            <th />
            {group.items.map((item) => (
              <th key={item.id} data-testid="same-vital-source">
                {t(`vitals.profile.${item.profile}`, { defaultValue: item.profile })}
                <br />
                <span className="muted small">{timeOfDay(item.receivedAt, i18n.language)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {vitals.map((vital) => {
            const contested = group.contested.includes(vital);
            return (
              <tr key={vital} className={contested ? 'contested' : ''}>
                <th scope="row">{t(`vitals.code.${vital}`, { defaultValue: vital })}</th>
                {group.items.map((item) => {
                  const text = cellText(item, vital);
                  const key = choiceKey(group, vital);
                  return (
                    <td key={item.id}>
                      {text === null ? (
                        <span className="muted">–</span>
                      ) : contested ? (
                        <label className="inline choice">
                          <input
                            type="radio"
                            name={key}
                            checked={choices[key] === item.id}
                            onChange={() => onChoose(vital, item.id)}
                            data-testid={`choice-${vital}`}
                          />
                          <strong>{text}</strong>
                        </label>
                      ) : (
                        <strong>{text}</strong>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="reading-actions">
        <button
          type="button"
          disabled={busy || !groupChosen(group, choices)}
          onClick={onChart}
          data-testid="same-vital-chart"
        >
          {t('vitals.sameVitalChart')}
        </button>
      </div>
    </li>
  );
}
