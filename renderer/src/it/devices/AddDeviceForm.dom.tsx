/** IT adds a device: the kind (its baud and framing shown), the port, and for HL7 the network port, who may send and the dialect. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HL7_DIALECTS } from '../../../../electron/contract/devices.std.js';
import type { DeviceListing, Hl7Dialect, ProfileName } from '../../../../electron/contract/devices.std.js';
import { invoke } from '../../bridge/client.dom.js';
import { planAddDevice, problemWords, transportFor } from './addDevice.std.js';
import { DIALECT_WORDS, PROFILE_WORDS, deviceErrorWords, framingWords, type Said } from './deviceWords.std.js';

export interface AddDeviceProps {
  readonly listing: DeviceListing;
  readonly where: string;
  readonly setWhere: (where: string) => void;
  readonly onAdded: () => Promise<void>;
}

export function AddDeviceForm({ listing, where, setWhere, onAdded }: AddDeviceProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [profile, setProfile] = useState<ProfileName | ''>('');
  const [allow, setAllow] = useState('');
  const [dialect, setDialect] = useState<Hl7Dialect>('auto');
  const [problems, setProblems] = useState<readonly Said[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = listing.profiles.find((p) => p.name === profile);
  const transport = chosen === undefined ? null : transportFor(chosen.transports);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const result = planAddDevice({ profile, where, allow, dialect }, chosen?.transports ?? [], listing.configured.map((s) => s.port));
    if (!result.ok) {
      setProblems(result.problems.map((p) => (l) => problemWords(p, l)));
      return;
    }
    setBusy(true);
    try {
      if (result.plan.listener !== null) {
        const set = await invoke('devices.listener', { port: result.plan.listener.port, allow: [...result.plan.listener.allow] });
        if (!set.ok) return setProblems([(l) => deviceErrorWords(set.error.code, l)]);
      }
      const configured = await invoke('devices.configure', result.plan.configure);
      if (!configured.ok) return setProblems([(l) => deviceErrorWords(configured.error.code, l)]);
      setProblems([]);
      setWhere('');
      await onAdded();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card wide" data-testid="device-add" onSubmit={(event) => void submit(event)}>
      <h3>{t('devices.addTitle')}</h3>
      <div className="device-form">
        <label htmlFor="device-profile">{t('devices.kind')}</label>
        <select id="device-profile" name="profile" value={profile} onChange={(e) => setProfile(e.target.value as ProfileName | '')}>
          <option value="">{t('devices.chooseKind')}</option>
          {listing.profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {PROFILE_WORDS[p.name][lang]}
            </option>
          ))}
        </select>
        {chosen?.serial != null && transport === 'serial' && (
          <>
            <span>{t('devices.framing')}</span>
            <span className="muted" data-testid="device-framing">{framingWords(chosen.serial, lang)}</span>
          </>
        )}
        <label htmlFor="device-where">{transport === 'tcp' ? t('devices.tcpPort') : transport === 'hid' ? t('devices.hidId') : t('devices.serialPath')}</label>
        <input id="device-where" name="where" value={where} onChange={(e) => setWhere(e.target.value)} placeholder={transport === 'tcp' ? String(chosen?.defaultTcpPort ?? 2575) : transport === 'hid' ? '0590:0028' : '/dev/ttyUSB0'} />
        {transport === 'tcp' && (
          <>
            <label htmlFor="device-allow">{t('devices.allow')}</label>
            <textarea id="device-allow" name="allow" value={allow} onChange={(e) => setAllow(e.target.value)} placeholder="10.1.20.0/24, 10.1.20.15" />
            <label htmlFor="device-dialect">{t('devices.dialect')}</label>
            <select id="device-dialect" name="dialect" value={dialect} onChange={(e) => setDialect(e.target.value as Hl7Dialect)}>
              {HL7_DIALECTS.map((name) => (
                <option key={name} value={name}>
                  {DIALECT_WORDS[name][lang]}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {problems.map((problem) => (
        <p key={problem(lang)} className="problem" data-testid="device-add-problem">
          {problem(lang)}
        </p>
      ))}
      <button type="submit" disabled={busy} data-testid="device-add-save">
        {t('devices.add')}
      </button>
    </form>
  );
}
