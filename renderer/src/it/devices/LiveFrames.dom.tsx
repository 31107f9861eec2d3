/** Frames as they arrive: what was read, what was refused and why, and the codes not understood. */
import { useTranslation } from 'react-i18next';
import { absoluteTime } from '../../sync/timeText.std.js';
import type { LiveEntry } from './liveFrames.std.js';
import { deviceErrorWords, notUnderstoodWords, portWords, setAsideWords } from './deviceWords.std.js';

export function LiveFrames({ entries }: { readonly entries: readonly LiveEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <div className="card wide" data-testid="device-live">
      <h3>{t('devices.liveTitle')}</h3>
      <p className="muted">{t('devices.liveHint')}</p>
      {entries.length === 0 && <p className="muted">{t('devices.liveNone')}</p>}
      <ul className="live-frames">
        {entries.map((entry) => {
          const unknown = notUnderstoodWords(entry.skipped, lang);
          const tone =
            entry.kind === 'refused' ? 'live-refused' : entry.skipped.length > 0 ? 'live-partial' : 'live-read';
          return (
            <li key={entry.key} className={tone} data-testid="device-live-entry" data-kind={entry.kind}>
              <span className="muted">
                {absoluteTime(entry.at, lang)} · {portWords(entry.port, lang)}
              </span>
              <div>
                {entry.kind === 'read'
                  ? `${t('devices.liveRead')}: ${entry.values.map((v) => `${t(`vitals.code.${v.code}`)} ${String(v.value)} ${t(`vitals.unit.${v.code}`)}`).join(', ')}`
                  : `${t('devices.liveRefused')}: ${deviceErrorWords(entry.code, lang)}`}
              </div>
              {unknown !== null && <div className="device-not-understood">{unknown}</div>}
              {setAsideWords(entry.skipped, lang).map((line) => (
                <div key={line} className="muted">
                  {line}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
