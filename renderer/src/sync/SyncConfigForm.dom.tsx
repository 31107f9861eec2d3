/**
 * IT's form for the link to central: address, station user, password and an optional CA file (PEM). The
 * password goes to main once (sync.configure) and is never shown again; main's answer, good or bad, is
 * shown in Thai and English.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/contract/sync.std.js';
import { errorText, isErrorCode } from '../../../electron/contract/errors.std.js';
import type { SyncApi } from './syncApi.dom.js';
import { configProblem, normaliseCentralUrl, type ConfigProblem } from './configForm.std.js';

interface Props {
  readonly api: SyncApi;
  readonly status: SyncStatus | null;
  readonly onConfigured: (status: SyncStatus) => void;
}

export function SyncConfigForm({ api, status, onConfigured }: Props) {
  const { t } = useTranslation();
  const [centralUrl, setCentralUrl] = useState(status?.centralUrl ?? '');
  const [username, setUsername] = useState(status?.stationUser ?? '');
  const [password, setPassword] = useState('');
  const [ca, setCa] = useState<{ name: string; pem: string } | null>(null);
  const [problem, setProblem] = useState<ConfigProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  async function readCa(file: File | undefined): Promise<void> {
    setCa(file === undefined ? null : { name: file.name, pem: await file.text() });
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const found = configProblem({ centralUrl, username, password, caBundlePem: ca?.pem ?? null });
    setProblem(found);
    if (found !== null) return;
    setSaving(true);
    const result = await api.configure({
      centralUrl: normaliseCentralUrl(centralUrl),
      username: username.trim(),
      password,
      caBundlePem: ca?.pem ?? null,
    });
    setSaving(false);
    if (!result.ok) {
      setFailure(result.error.code);
      return;
    }
    setPassword('');
    setSaved(true);
    onConfigured(result.value);
  }

  return (
    <form className="sync-config" onSubmit={(event) => void submit(event)} data-testid="sync-config-form" noValidate>
      <label>
        {t('sync.config.centralUrl')}
        <input
          name="centralUrl"
          type="url"
          value={centralUrl}
          onChange={(event) => setCentralUrl(event.target.value)}
          placeholder="https://"
          autoComplete="off"
        />
      </label>
      <div className="row">
        <label>
          {t('sync.config.username')}
          <input
            name="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="off"
          />
        </label>
        <label>
          {t('sync.config.password')}
          <input
            name="password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
          />
        </label>
      </div>
      <p className="muted small">{t('sync.config.passwordHint')}</p>
      <label>
        {t('sync.config.ca')}
        <input
          name="ca"
          type="file"
          accept=".pem,.crt,.cer,application/x-pem-file"
          onChange={(event) => void readCa(event.target.files?.[0])}
        />
      </label>
      {ca !== null && <p className="muted small">{t('sync.config.caLoaded', { name: ca.name })}</p>}
      {problem !== null && (
        <p className="problem" role="alert" data-testid="sync-config-problem">
          {t(`sync.config.${problem}`)}
        </p>
      )}
      {failure !== null && <BilingualError code={failure} />}
      {saved && (
        <p className="ok-text" data-testid="sync-config-saved">
          {t('sync.config.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={saving} data-testid="sync-config-save">
          {saving ? t('sync.config.saving') : t('sync.config.save')}
        </button>
      </div>
    </form>
  );
}

/** An error from main in both languages (IT may read either; a screenshot sent to the vendor reads in English). */
export function BilingualError({ code }: { readonly code: string }) {
  const text = isErrorCode(code) ? errorText[code] : errorText.internal;
  return (
    <div className="problem bilingual" role="alert" data-testid="sync-config-error" data-code={code}>
      <p lang="th">{text.th}</p>
      <p lang="en">{text.en}</p>
    </div>
  );
}
