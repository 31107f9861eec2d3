/**
 * First run: the hospital code (5 digits), the station's name, and whether it is a real or a demo station
 * (real unless chosen; preselected demo only when started with EDGE_DEMO=1), stored in the station database.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, StationMode, StationSettings } from '../../../electron/contract/settings.std.js';
import { QueuePrefix, suggestQueuePrefix } from '../../../electron/contract/settings.std.js';
import { STATION_NAME } from '../../../sync/central/designDocs.std.js';
import { invoke } from '../bridge/client.dom.js';
import { LanguageToggle } from '../app/LanguageToggle.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';

interface FirstRunSetupProps {
  readonly offered: StationMode;
  readonly language: Language;
  /** Setup saved, or the language switched (the form stays as typed). */
  readonly onSettings: (settings: StationSettings) => void;
}

export function FirstRunSetup({ offered, language, onSettings }: FirstRunSetupProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<StationMode>(offered);
  const [hcode, setHcode] = useState('');
  const [stationName, setStationName] = useState('');
  const [centralUrl, setCentralUrl] = useState('');
  // Follows the station name until IT types a prefix of its own.
  const [queuePrefix, setQueuePrefix] = useState<string | null>(null);
  const prefix = queuePrefix ?? suggestQueuePrefix(stationName);
  // The station's name on central (its user st-<hcode>-<code>); follows the prefix until IT types one.
  const [stationCode, setStationCode] = useState<string | null>(null);
  const code = stationCode ?? prefix.toLowerCase();
  // Kept as a key or an error code, not as text, so switching the language translates it too.
  const [problem, setProblem] = useState<{ readonly key: string } | { readonly code: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!/^\d{5}$/.test(hcode)) return setProblem({ key: 'setup.hcodeInvalid' });
    if (stationName.trim() === '') return setProblem({ key: 'setup.nameRequired' });
    if (!QueuePrefix.safeParse(prefix).success) return setProblem({ key: 'setup.prefixInvalid' });
    if (!STATION_NAME.test(code)) return setProblem({ key: 'setup.stationCodeInvalid' });
    if (centralUrl !== '' && !/^https?:\/\/.+/.test(centralUrl)) return setProblem({ key: 'setup.urlInvalid' });
    setBusy(true);
    const result = await invoke('settings.setup', {
      hcode,
      stationName,
      queuePrefix: prefix,
      stationCode: code,
      centralUrl: centralUrl === '' ? null : centralUrl,
      mode,
    });
    setBusy(false);
    if (result.ok) onSettings(result.value);
    else setProblem({ code: result.error.code });
  }

  return (
    <main className="setup">
      <div className="setup-lang">
        <LanguageToggle language={language} onSettings={onSettings} />
      </div>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate data-testid="setup-form">
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <label>
          {t('setup.hcode')}
          <input
            name="hcode"
            inputMode="numeric"
            maxLength={5}
            value={hcode}
            onChange={(e) => setHcode(e.target.value.replace(/\D/g, ''))}
            autoFocus
          />
        </label>
        <label>
          {t('setup.stationName')}
          <input
            name="stationName"
            maxLength={60}
            value={stationName}
            onChange={(e) => setStationName(e.target.value)}
          />
        </label>
        <label>
          {t('setup.queuePrefix')}
          <input
            name="queuePrefix"
            maxLength={8}
            value={prefix}
            onChange={(e) => setQueuePrefix(e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, ''))}
          />
          <small className="muted">{t('setup.queuePrefixHint')}</small>
        </label>
        <label>
          {t('setup.stationCode')}
          <input
            name="stationCode"
            maxLength={16}
            value={code}
            onChange={(e) => setStationCode(e.target.value.toLowerCase().replace(/[^a-z0-9-]/g, ''))}
          />
          <small className="muted">
            {t('setup.stationCodeHint', { user: `st-${hcode === '' ? '?????' : hcode}-${code}` })}
          </small>
        </label>
        <fieldset className="station-mode" data-testid="setup-mode">
          <legend>{t('setup.mode')}</legend>
          {(['real', 'demo'] as const).map((choice) => (
            <label
              key={choice}
              className={`mode-choice${mode === choice ? ' chosen' : ''}${choice === 'demo' ? ' mode-demo' : ''}`}
            >
              <input
                type="radio"
                name="mode"
                value={choice}
                checked={mode === choice}
                onChange={() => setMode(choice)}
                data-testid={`setup-mode-${choice}`}
              />
              {t(choice === 'real' ? 'setup.modeReal' : 'setup.modeDemo')}
            </label>
          ))}
          <small className="muted">{t('setup.modeHint')}</small>
        </fieldset>
        <label>
          {t('setup.centralUrl')}
          <input
            name="centralUrl"
            value={centralUrl}
            onChange={(e) => setCentralUrl(e.target.value.trim())}
            placeholder="https://"
          />
        </label>
        {problem !== null && (
          <p className="problem" role="alert" data-testid="setup-problem">
            {'key' in problem ? t(problem.key) : errorMessage(problem.code)}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="setup-save">
          {t('setup.save')}
        </button>
      </form>
    </main>
  );
}
