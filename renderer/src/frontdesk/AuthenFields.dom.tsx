/** The patient's mobile number and the visit's NHSO claim type, asked when the visit is saved. */
import { useTranslation } from 'react-i18next';
import { claimTypeText, type ClaimType, ClaimType as ClaimTypeSchema } from '../../../electron/contract/nhso.std.js';

export interface AuthenInput {
  readonly mobile: string;
  readonly claimType: ClaimType;
}

export function AuthenFields({
  value,
  onChange,
}: {
  readonly value: AuthenInput;
  readonly onChange: (next: AuthenInput) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <div className="card authen-fields" data-testid="authen-fields">
      <h3>{t('frontdesk.authen.title')}</h3>
      <div className="row">
        <label>
          {t('frontdesk.authen.mobile')}
          <input
            name="mobile"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={16}
            value={value.mobile}
            placeholder="08x-xxx-xxxx"
            onChange={(e) => onChange({ ...value, mobile: e.target.value })}
          />
          <span className="muted small">{t('frontdesk.authen.mobileHint')}</span>
        </label>
        <label>
          {t('frontdesk.authen.claimType')}
          <select
            name="claimType"
            value={value.claimType}
            onChange={(e) => onChange({ ...value, claimType: ClaimTypeSchema.parse(e.target.value) })}
          >
            {ClaimTypeSchema.options.map((type) => (
              <option key={type} value={type}>
                {claimTypeText[type][lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
