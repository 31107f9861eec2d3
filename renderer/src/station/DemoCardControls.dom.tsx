/**
 * A demo station's front desk: put one of the made-up cards into the virtual reader, or take it out. The only
 * way to try the card in browser mode; a real station never shows it (main refuses the commands there too).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardStatus } from '../../../electron/contract/card.std.js';
import { demoIdentities } from '../../../electron/contract/card.std.js';
import { invoke } from '../bridge/client.dom.js';
import { DemoPanel, useDemoCommand } from './DemoPanel.dom.js';

const names = demoIdentities.map((identity) =>
  identity.thaiName
    .split('#')
    .filter((part) => part !== '')
    .join(' '),
);

export function DemoCardControls({ status }: { readonly status: CardStatus | null }) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState(0);
  const { busy, problem, run } = useDemoCommand();
  const present = status?.readers.some((reader) => reader.present) ?? false;

  return (
    <DemoPanel title={t('demo.cardTitle')} problem={problem} testId="demo-card-controls">
      <label>
        {t('demo.cardPick')}
        <select
          value={identity}
          onChange={(event) => setIdentity(Number(event.target.value))}
          disabled={busy || present}
          data-testid="demo-card-identity"
        >
          {names.map((name, index) => (
            <option key={name} value={index}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button
          type="button"
          disabled={busy || present}
          onClick={() => void run(() => invoke('card.demoInsert', { identity, atr: '3b79' }))}
          data-testid="demo-card-insert"
        >
          {t('demo.cardInsert')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || !present}
          onClick={() => void run(() => invoke('card.demoRemove', {}))}
          data-testid="demo-card-remove"
        >
          {t('demo.cardRemove')}
        </button>
      </div>
    </DemoPanel>
  );
}
