/** What a device frame held that was not charted, in words: never a value dropped without saying so. */
import { useTranslation } from 'react-i18next';
import { SKIP_REASON_TEXT, summariseSkipped, type SkippedValue } from '../../../electron/contract/devices.std.js';

export function SkippedValues({
  notes,
  showSources = false,
}: {
  notes: readonly SkippedValue[];
  showSources?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return null;
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <div className="skipped-values" data-testid="skipped-values">
      <p className="muted small">{t('vitals.notTaken', { count: notes.length })}</p>
      <ul className="muted small">
        {summariseSkipped(notes).map((group) => (
          <li key={group.reason} data-reason={group.reason}>
            {SKIP_REASON_TEXT[group.reason][lang]} ({group.count})
            {showSources && <span className="codes"> — {group.sources.join(', ')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
