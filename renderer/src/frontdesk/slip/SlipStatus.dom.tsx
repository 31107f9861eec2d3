/** Whether a visit's queue slip printed, why not (in the clerk's language), and the button to (re)print it. */
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/i18n.dom.js';
import type { SlipState } from './useSlipPrinter.dom.js';

export function SlipStatus({
  state,
  onPrint,
  compact = false,
}: {
  readonly state: SlipState | undefined;
  readonly onPrint: () => void;
  readonly compact?: boolean;
}) {
  const { t } = useTranslation();
  const printing = state?.state === 'printing';
  return (
    <span className="slip-status" data-testid="slip-status" data-state={state?.state ?? 'none'}>
      {state?.state === 'printing' && !compact && <span className="muted">{t('frontdesk.slip.printing')}</span>}
      {state?.state === 'printed' && !compact && <span>{t('frontdesk.slip.printed')}</span>}
      {state?.state === 'failed' &&
        (compact ? (
          <span className="problem" title={errorMessage(state.code)} data-testid="slip-problem">
            {t('frontdesk.slip.notPrintedShort')}
          </span>
        ) : (
          <span className="problem" role="alert" data-testid="slip-problem">
            {t('frontdesk.slip.notPrinted')} {errorMessage(state.code)}
          </span>
        ))}{' '}
      <button type="button" className="secondary" disabled={printing} onClick={onPrint} data-testid="slip-print">
        {t(state === undefined ? 'frontdesk.slip.print' : 'frontdesk.slip.reprint')}
      </button>
    </span>
  );
}
