/** Where the visit goes (a clinic / service point from the station's list) and how the patient came, chosen at save. */
import { useTranslation } from 'react-i18next';
import { VISIT_TYPES, VisitType, type ServicePoint } from '../../../sync/model/visitDetails.std.js';

export interface VisitDetailsInput {
  /** A service point code, '' while none is chosen. */
  readonly servicePoint: string;
  readonly visitType: VisitType;
}

export function VisitDetailsFields({
  value,
  onChange,
  points,
}: {
  readonly value: VisitDetailsInput;
  readonly onChange: (next: VisitDetailsInput) => void;
  readonly points: readonly ServicePoint[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <div className="card visit-fields" data-testid="visit-fields">
      <h3>{t('frontdesk.visit.title')}</h3>
      <div className="row">
        <label>
          {t('frontdesk.visit.servicePoint')}
          <select
            name="servicePoint"
            value={value.servicePoint}
            onChange={(e) => onChange({ ...value, servicePoint: e.target.value })}
          >
            <option value="">{t('frontdesk.visit.choose')}</option>
            {points
              .filter((point) => point.active)
              .map((point) => (
                <option key={point.code} value={point.code}>
                  {point[lang]}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('frontdesk.visit.visitType')}
          <select
            name="visitType"
            value={value.visitType}
            onChange={(e) => onChange({ ...value, visitType: VisitType.parse(e.target.value) })}
          >
            {VisitType.options.map((type) => (
              <option key={type} value={type}>
                {VISIT_TYPES[type][lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
