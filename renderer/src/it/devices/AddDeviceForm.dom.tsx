/**
 * IT adds a device, or edits one in place: the kind (its baud and framing shown), how it is connected when the
 * kind allows more than one way (HL7 MLLP on the network or a serial port), the port, and for HL7 the dialect and,
 * on the network, who may send. An edit that moves the device to another port removes the old port after the new
 * one is set; main restarts the port, so nothing needs a restart.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HL7_DIALECTS } from '../../../../electron/contract/devices.std.js';
import type { DeviceListing, Hl7Dialect, ProfileName } from '../../../../electron/contract/devices.std.js';
import { invoke } from '../../bridge/client.dom.js';
import {
  planAddDevice,
  problemWords,
  transportChoices,
  transportFor,
  type AddDeviceForm as FormValues,
  type Transport,
} from './addDevice.std.js';
import {
  DIALECT_WORDS,
  PROFILE_WORDS,
  TRANSPORT_WORDS,
  deviceErrorWords,
  framingWords,
  type Said,
} from './deviceWords.std.js';

export interface AddDeviceProps {
  readonly listing: DeviceListing;
  readonly where: string;
  readonly setWhere: (where: string) => void;
  readonly onAdded: () => Promise<void>;
  /** The device being edited, as the form first shows it; absent: a new device. */
  readonly editing?: Required<FormValues> | null;
  readonly onCancel?: () => void;
}

export function AddDeviceForm({ listing, where, setWhere, onAdded, editing = null, onCancel }: AddDeviceProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [profile, setProfile] = useState<ProfileName | ''>(editing?.profile ?? '');
  const [allow, setAllow] = useState(editing?.allow ?? '');
  const [dialect, setDialect] = useState<Hl7Dialect>(editing?.dialect ?? 'auto');
  const [chosenTransport, setChosenTransport] = useState<Transport | null>(editing?.transport ?? null);
  const [problems, setProblems] = useState<readonly Said[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = listing.profiles.find((p) => p.name === profile);
  const transport = chosen === undefined ? null : transportFor(chosen.transports, chosenTransport);
  const choices = chosen === undefined ? [] : transportChoices(chosen.transports);
  const hl7 = profile.startsWith('hl7-');

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = { profile, where, allow, dialect, transport: chosenTransport, editing: editing?.editing ?? null };
    const result = planAddDevice(
      form,
      chosen?.transports ?? [],
      listing.configured.map((s) => s.port),
    );
    if (!result.ok) {
      setProblems(result.problems.map((p) => (l) => problemWords(p, l)));
      return;
    }
    setBusy(true);
    try {
      if (result.plan.listener !== null) {
        const set = await invoke('devices.listener', {
          port: result.plan.listener.port,
          allow: [...result.plan.listener.allow],
        });
        if (!set.ok) return setProblems([(l) => deviceErrorWords(set.error.code, l)]);
      }
      const configured = await invoke('devices.configure', result.plan.configure);
      if (!configured.ok) return setProblems([(l) => deviceErrorWords(configured.error.code, l)]);
      if (result.plan.replaces !== null) {
        const removed = await invoke('devices.configure', {
          port: result.plan.replaces,
          profile: null,
          enabled: false,
          dialect: 'auto',
        });
        if (!removed.ok) return setProblems([(l) => deviceErrorWords(removed.error.code, l)]);
      }
      setProblems([]);
      setWhere('');
      // A device added: the form starts over empty (it kept the last kind and allow-list, which read as an add still to do).
      setProfile(editing?.profile ?? '');
      setAllow(editing?.allow ?? '');
      setDialect(editing?.dialect ?? 'auto');
      setChosenTransport(editing?.transport ?? null);
      await onAdded();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card wide"
      data-testid={editing === null ? 'device-add' : 'device-edit-form'}
      onSubmit={(event) => void submit(event)}
    >
      <h3>{editing === null ? t('devices.addTitle') : t('devices.editTitle')}</h3>
      <div className="device-form">
        <label htmlFor="device-profile">{t('devices.kind')}</label>
        <select
          id="device-profile"
          name="profile"
          value={profile}
          onChange={(e) => setProfile(e.target.value as ProfileName | '')}
        >
          <option value="">{t('devices.chooseKind')}</option>
          {listing.profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {PROFILE_WORDS[p.name][lang]}
            </option>
          ))}
        </select>
        {choices.length > 1 && (
          <>
            <label htmlFor="device-transport">{t('devices.transport')}</label>
            <WordSelect
              name="transport"
              value={transport ?? 'tcp'}
              options={choices}
              words={(choice) => TRANSPORT_WORDS[choice][lang]}
              onChange={setChosenTransport}
            />
          </>
        )}
        {chosen?.serial != null && transport === 'serial' && (
          <>
            <span>{t('devices.framing')}</span>
            <span className="muted" data-testid="device-framing">
              {framingWords(chosen.serial, lang)}
            </span>
          </>
        )}
        <label htmlFor="device-where">
          {transport === 'tcp'
            ? t('devices.tcpPort')
            : transport === 'hid'
              ? t('devices.hidId')
              : t('devices.serialPath')}
        </label>
        <input
          id="device-where"
          name="where"
          value={where}
          onChange={(e) => setWhere(e.target.value)}
          placeholder={
            transport === 'tcp'
              ? String(chosen?.defaultTcpPort ?? 2575)
              : transport === 'hid'
                ? '0590:0028'
                : '/dev/ttyUSB0'
          }
        />
        {transport === 'tcp' && (
          <>
            <label htmlFor="device-allow">{t('devices.allow')}</label>
            <textarea
              id="device-allow"
              name="allow"
              value={allow}
              onChange={(e) => setAllow(e.target.value)}
              placeholder="10.1.20.0/24, 10.1.20.15"
            />
          </>
        )}
        {hl7 && (
          <>
            <label htmlFor="device-dialect">{t('devices.dialect')}</label>
            <WordSelect
              name="dialect"
              value={dialect}
              options={HL7_DIALECTS}
              words={(name) => DIALECT_WORDS[name][lang]}
              onChange={setDialect}
            />
          </>
        )}
      </div>
      {problems.map((problem) => (
        <p key={problem(lang)} className="problem" data-testid="device-add-problem">
          {problem(lang)}
        </p>
      ))}
      <button type="submit" disabled={busy} data-testid="device-add-save">
        {editing === null ? t('devices.add') : t('devices.saveEdit')}
      </button>
      {editing !== null && onCancel !== undefined && (
        <>
          {' '}
          <button type="button" className="secondary" onClick={onCancel} data-testid="device-edit-cancel">
            {t('devices.keep')}
          </button>
        </>
      )}
    </form>
  );
}

/** A choice among known values, each shown in words (`id` is `device-<name>`, for its label). */
function WordSelect<T extends string>({
  name,
  value,
  options,
  words,
  onChange,
}: {
  readonly name: string;
  readonly value: T;
  readonly options: readonly T[];
  readonly words: (option: T) => string;
  readonly onChange: (value: T) => void;
}) {
  return (
    <select
      id={`device-${name}`}
      name={name}
      value={value}
      onChange={(e) => onChange(options.find((option) => option === e.target.value) ?? value)}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {words(option)}
        </option>
      ))}
    </select>
  );
}
