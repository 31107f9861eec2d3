/** Any failure of the vitals flow in words the nurse can act on, in the UI's language. */
import { StoreError, writeFailureCode } from '../../../sync/store/dataContext.dom.js';
import { VitalItemError } from '../../../sync/model/observation.std.js';
import { EdgeError } from '../../../electron/contract/result.std.js';
import { errorMessage, i18n } from '../i18n/i18n.dom.js';

export function problemText(error: unknown): string {
  if (error instanceof EdgeError) return errorMessage(error.code);
  if (error instanceof StoreError)
    return error.code === 'conflict' ? i18n.t('vitals.errors.changedMeanwhile') : errorMessage(writeFailureCode(error));
  if (error instanceof VitalItemError) return i18n.t('vitals.errors.vitalItem', { code: error.code });
  return errorMessage('internal');
}
