/**
 * IT keeps the station's clinics / service points: names in Thai and English, in use or not, new ones added.
 * A point once saved keeps its code and cannot be removed (past visits name it); main checks everything again.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ServicePointCode, type ServicePoint } from '../../../sync/model/visitDetails.std.js';
import { invoke } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';

interface Row extends ServicePoint {
  /** Saved before: its code is fixed. */
  readonly saved: boolean;
}

export function ServicePointsCard() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<readonly Row[]>([]);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const show = (points: readonly ServicePoint[]): void => setRows(points.map((point) => ({ ...point, saved: true })));
  useEffect(() => {
    void invoke('visit.servicePoints', {}).then((result) => {
      if (result.ok) show(result.value.points);
    });
  }, []);

  const edit = (index: number, change: Partial<ServicePoint>): void =>
    setRows((before) => before.map((row, i) => (i === index ? { ...row, ...change } : row)));

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const points = rows.map(({ code, th, en, active }) => ({
      code: code.trim(),
      th: th.trim(),
      en: en.trim(),
      active,
    }));
    if (points.some((point) => !ServicePointCode.safeParse(point.code).success))
      return setNote({ ok: false, text: t('it.servicePoints.codeInvalid') });
    if (points.some((point) => point.th === '' || point.en === ''))
      return setNote({ ok: false, text: t('it.servicePoints.nameRequired') });
    const result = await invoke('visit.setServicePoints', { points });
    if (result.ok) show(result.value.points);
    setNote(
      result.ok
        ? { ok: true, text: t('it.servicePoints.saved') }
        : { ok: false, text: errorMessage(result.error.code) },
    );
  }

  return (
    <form className="card wide" onSubmit={(event) => void save(event)} noValidate data-testid="service-points">
      <h3>{t('it.servicePoints.title')}</h3>
      <p className="muted small">{t('it.servicePoints.hint')}</p>
      <table className="queue">
        <thead>
          <tr>
            <th>{t('it.servicePoints.code')}</th>
            <th>{t('it.servicePoints.th')}</th>
            <th>{t('it.servicePoints.en')}</th>
            <th>{t('it.servicePoints.active')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} data-testid="service-point-row">
              <td>
                <input
                  name="code"
                  value={row.code}
                  readOnly={row.saved}
                  maxLength={32}
                  onChange={(e) => edit(index, { code: e.target.value.toLowerCase() })}
                />
              </td>
              <td>
                <input name="th" value={row.th} maxLength={80} onChange={(e) => edit(index, { th: e.target.value })} />
              </td>
              <td>
                <input name="en" value={row.en} maxLength={80} onChange={(e) => edit(index, { en: e.target.value })} />
              </td>
              <td>
                <input
                  name="active"
                  type="checkbox"
                  checked={row.active}
                  onChange={(e) => edit(index, { active: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => setRows((before) => [...before, { code: '', th: '', en: '', active: true, saved: false }])}
        >
          {t('it.servicePoints.add')}
        </button>
        <button type="submit" data-testid="service-points-save">
          {t('it.servicePoints.save')}
        </button>
      </div>
      {note !== null && (
        <p
          className={note.ok ? 'muted' : 'problem'}
          role={note.ok ? 'status' : 'alert'}
          data-testid="service-points-note"
        >
          {note.text}
        </p>
      )}
    </form>
  );
}
