/** A reading's values with their labels, units and abnormal flags (colour plus a word, never colour alone). */
import { useTranslation } from 'react-i18next';
import { displayRows } from './displayRows.std.js';

export function VitalRows({
  values,
}: {
  readonly values: readonly { readonly code: string; readonly value: number }[];
}) {
  const { t } = useTranslation();
  return (
    <dl className="vital-rows">
      {displayRows(values).map((row) => (
        <div key={row.key} className={`vital-row flag-${row.flag.level}`} data-testid={`vital-${row.key}`}>
          <dt>{t(`vitals.code.${row.key}`, { defaultValue: row.key })}</dt>
          <dd>
            <strong>{row.text}</strong>{' '}
            <span className="unit">{t(`vitals.unit.${row.key}`, { defaultValue: '' })}</span>
            {row.flag.level !== 'normal' && (
              <span className={`flag flag-${row.flag.level}`} data-testid="vital-flag">
                {t(`vitals.flag.${row.flag.level}_${row.flag.direction ?? 'high'}`)}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
