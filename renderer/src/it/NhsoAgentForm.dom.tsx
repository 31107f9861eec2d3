/** IT sets where the NHSO Secure Smart Card Agent answers on this computer (main refuses any other host). */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../electron/contract/errors.std.js';
import { invoke } from '../bridge/client.dom.js';
import { errorMessage } from '../i18n/i18n.dom.js';

export function NhsoAgentForm({ onSaved }: { readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<ErrorCode | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void invoke('nhso.settings', {}).then((result) => {
      if (!result.ok) return;
      setCurrent(result.value.agentUrl);
      setTyped(result.value.agentUrl);
    });
  }, []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const result = await invoke('nhso.setAgentUrl', { agentUrl: typed });
    if (!result.ok) return setProblem(result.error.code);
    setProblem(null);
    setCurrent(result.value.agentUrl);
    setTyped(result.value.agentUrl);
    setSaved(true);
    onSaved();
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate data-testid="nhso-agent-form">
      <h3>{t('it.nhsoAgent.title')}</h3>
      <p className="muted">{t('it.nhsoAgent.intro')}</p>
      <label>
        {t('it.nhsoAgent.url')}
        <input name="agentUrl" className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      {current !== null && (
        <p className="muted" data-testid="nhso-agent-current">
          {t('it.nhsoAgent.current', { url: current })}
        </p>
      )}
      {problem !== null && (
        <p className="problem" role="alert" data-testid="nhso-agent-problem">
          {errorMessage(problem)}
        </p>
      )}
      {saved && <p data-testid="nhso-agent-saved">{t('it.nhsoAgent.saved')}</p>}
      <button type="submit">{t('it.nhsoAgent.save')}</button>
    </form>
  );
}
