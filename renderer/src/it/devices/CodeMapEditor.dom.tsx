/** IT's own HL7 code map: a monitor's code → a vital, with the unit it implies; used from the next message. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeMapEntry } from '../../../../electron/contract/devices.std.js';
import { invoke } from '../../bridge/client.dom.js';
import { CODE_MAP_PROBLEM_TEXT, MAPPABLE_VITALS, defaultUnit, withEntry, withoutEntry } from './codeMapEdit.std.js';
import { deviceErrorWords, type Said } from './deviceWords.std.js';
import { VITALS, type LoincCode } from '../../../../sync/model/vitals/vitalSigns.std.js';

export function CodeMapEditor({ suggested }: { readonly suggested: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [entries, setEntries] = useState<readonly CodeMapEntry[]>([]);
  const [code, setCode] = useState('');
  const [loinc, setLoinc] = useState('');
  const [unit, setUnit] = useState('');
  const [note, setNote] = useState<Said | null>(null);

  const setError = useCallback((code: string) => setNote(() => (l: 'th' | 'en') => deviceErrorWords(code, l)), []);

  const load = useCallback(async () => {
    const result = await invoke('devices.codeMap', {});
    if (result.ok) setEntries(result.value);
    else setError(result.error.code);
  }, [setError]);
  useEffect(() => void load(), [load]);

  async function save(next: readonly CodeMapEntry[]): Promise<boolean> {
    const result = await invoke('devices.setCodeMap', { entries: [...next] });
    if (!result.ok) {
      setError(result.error.code);
      return false;
    }
    setEntries(result.value);
    setNote(() => (l: 'th' | 'en') => t('devices.codeMapSaved', { lng: l }));
    return true;
  }

  async function add(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = withEntry(entries, { code, loinc, unit });
    if (!result.ok) {
      const problem = result.problem;
      return setNote(() => (l: 'th' | 'en') => CODE_MAP_PROBLEM_TEXT[problem][l]);
    }
    if (await save(result.entries)) {
      setCode('');
      setUnit('');
    }
  }

  /** The vital's own unit in words (มม.ปรอท), any other as IT typed it. */
  function unitWords(entry: CodeMapEntry): string {
    if (entry.unit === null) return t('devices.unitFromDevice');
    return entry.unit === VITALS[entry.loinc as LoincCode].ucum ? t(`vitals.unit.${entry.loinc}`) : entry.unit;
  }

  function chooseVital(next: string): void {
    setLoinc(next);
    const known = MAPPABLE_VITALS.find((v) => v === next);
    if (known !== undefined && unit === '') setUnit(defaultUnit(known));
  }

  return (
    <div className="card wide" data-testid="device-code-map">
      <h3>{t('devices.codeMapTitle')}</h3>
      <p className="muted">{t('devices.codeMapHint')}</p>
      <table className="code-map">
        <thead>
          <tr>
            <th>{t('devices.code')}</th>
            <th>{t('devices.vital')}</th>
            <th>{t('devices.impliedUnit')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.code} data-code={entry.code}>
              <td className="mono">{entry.code}</td>
              <td>{t(`vitals.code.${entry.loinc}`)}</td>
              <td>{unitWords(entry)}</td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void save(withoutEntry(entries, entry.code))}
                >
                  {t('devices.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={(event) => void add(event)} data-testid="code-map-form">
        <input
          name="code"
          list="device-unknown-codes"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder={t('devices.code')}
          aria-label={t('devices.code')}
        />
        <datalist id="device-unknown-codes">
          {suggested.map((s) => (
            <option key={s} value={s.split('^')[0]} />
          ))}
        </datalist>
        <select
          name="loinc"
          value={loinc}
          onChange={(e) => chooseVital(e.target.value)}
          aria-label={t('devices.vital')}
        >
          <option value="">{t('devices.chooseVital')}</option>
          {MAPPABLE_VITALS.map((v) => (
            <option key={v} value={v}>
              {t(`vitals.code.${v}`)}
            </option>
          ))}
        </select>
        <input
          name="unit"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          placeholder={t('devices.impliedUnit')}
          aria-label={t('devices.impliedUnit')}
        />
        <button type="submit" data-testid="code-map-add">
          {t('devices.codeMapAdd')}
        </button>
      </form>
      {note !== null && (
        <p className="muted" data-testid="code-map-note">
          {note(lang)}
        </p>
      )}
    </div>
  );
}
