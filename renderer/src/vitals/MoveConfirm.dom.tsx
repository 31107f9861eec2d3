/** The confirmation a move needs: it names the patient the reading is for now and the one it goes to. */
import { useTranslation } from 'react-i18next';

export function MoveConfirm({
  from,
  to,
  against,
  busy,
  onYes,
  onCancel,
}: {
  readonly from: string;
  readonly to: string;
  /** Who the device names, when the move goes against it. */
  readonly against: string | null;
  readonly busy: boolean;
  readonly onYes: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="move-confirm" role="alertdialog" data-testid="move-confirm">
      <p>
        {/* Keeping it for its own patient against the device's word is no move: say so. */}
        <strong>{from === to ? t('vitals.keepAsk', { to }) : t('vitals.moveAsk', { from, to })}</strong>
      </p>
      {against !== null && (
        <p className="notice notice-warn small">{t('vitals.moveAgainst', { named: against, to })}</p>
      )}
      <div className="reading-actions">
        <button type="button" disabled={busy} onClick={onYes} data-testid="move-yes">
          {t('vitals.moveYes')}
        </button>
        <button type="button" className="secondary" onClick={onCancel} data-testid="move-cancel">
          {t('vitals.keep')}
        </button>
      </div>
    </div>
  );
}
