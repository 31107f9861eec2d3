/**
 * What a queue slip says, line by line: the hospital and station, the queue number large, the clinic (what the
 * visit holds), the date and time as a clerk reads them (พ.ศ. in Thai), the right to care in a clerk's words
 * and the NHSO authen code, or that it is still pending. No name and no citizen id: a slip gets left behind.
 */
import type { EncounterDoc } from '../../../../sync/model/encounter.std.js';
import { queueNumberOf } from '../../../../sync/model/encounter.std.js';
import { displayDate, type UiLanguage } from '../thaiDates.std.js';
import { rightWords } from '../rights.std.js';
import { claimCodeOf } from '../../../../sync/model/claimCode.std.js';
import { servicePointOf, visitRightOf } from '../../../../sync/model/visitDetails.std.js';

export interface SlipFacts {
  readonly hcode: string;
  readonly stationName: string | null;
  readonly queueNumber: string;
  readonly clinic: string | null;
  /** The visit's start (ISO). */
  readonly at: string;
  /** The card's NHSO main right as the card has it ("(UCS) …"), when the front desk read it. */
  readonly rights: string | null;
  readonly authenCode: string | null;
}

export type SlipLineStyle = 'title' | 'subtitle' | 'label' | 'queue' | 'body' | 'strong' | 'small';

export interface SlipLine {
  readonly text: string;
  readonly style: SlipLineStyle;
}

/**
 * The facts a slip needs from a stored visit: the clinic (its service point, in Thai as stored; else the reason
 * typed), the right the card carried as stored on the visit (else `rights`, the page's memory of a card read).
 * The authen code is the one on the visit (`th-nhso-claim-code`), else `claimCode` (main's answer not written on
 * the visit yet).
 */
export function slipFactsOf(
  encounter: EncounterDoc,
  station: { readonly hcode: string; readonly stationName: string | null },
  rights: string | null,
  claimCode: string | null = null,
): SlipFacts {
  return {
    hcode: station.hcode,
    stationName: station.stationName,
    queueNumber: queueNumberOf(encounter) ?? '—',
    clinic: servicePointOf(encounter)?.display ?? encounter.reasonCode?.[0]?.text ?? null,
    at: encounter.period?.start ?? '',
    rights: visitRightOf(encounter)?.text ?? rights,
    authenCode: claimCodeOf(encounter) ?? claimCode,
  };
}

const TEXT = {
  th: {
    hospital: 'สถานพยาบาลรหัส',
    ticket: 'บัตรคิว',
    clinic: 'จุดบริการ',
    time: 'เวลา',
    timeSuffix: ' น.',
    rights: 'สิทธิการรักษา',
    noRights: 'ไม่ได้อ่านสิทธิจากบัตร',
    authen: 'รหัสยืนยันเข้ารับบริการ',
    pending: 'รอรหัสยืนยัน',
    wait: 'กรุณารอเรียกคิว',
  },
  en: {
    hospital: 'Hospital code',
    ticket: 'Queue ticket',
    clinic: 'Service point',
    time: 'at',
    timeSuffix: '',
    rights: 'Right to care',
    noRights: 'Not read from the card',
    authen: 'NHSO authen code',
    pending: 'pending',
    wait: 'Please wait to be called',
  },
} as const;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** "6 ธันวาคม 2569 เวลา 16:52 น." in the station's local time. */
export function slipDateTime(iso: string, language: UiLanguage): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const day = `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())}`;
  const text = TEXT[language];
  return `${displayDate(day, language)} ${text.time} ${pad2(at.getHours())}:${pad2(at.getMinutes())}${text.timeSuffix}`;
}

export function slipLines(facts: SlipFacts, language: UiLanguage): SlipLine[] {
  const text = TEXT[language];
  const lines: SlipLine[] = [{ text: `${text.hospital} ${facts.hcode}`, style: 'title' }];
  if (facts.stationName !== null && facts.stationName.trim() !== '')
    lines.push({ text: facts.stationName.trim(), style: 'subtitle' });
  lines.push({ text: text.ticket, style: 'label' }, { text: facts.queueNumber, style: 'queue' });
  if (facts.clinic !== null && facts.clinic.trim() !== '')
    lines.push({ text: `${text.clinic}: ${facts.clinic.trim()}`, style: 'strong' });
  lines.push({ text: slipDateTime(facts.at, language), style: 'body' });
  lines.push({
    text: `${text.rights}: ${facts.rights === null || facts.rights.trim() === '' ? text.noRights : rightWords(facts.rights, language)}`,
    style: 'body',
  });
  lines.push({
    text: `${text.authen}: ${facts.authenCode ?? text.pending}`,
    style: facts.authenCode === null ? 'body' : 'strong',
  });
  lines.push({ text: text.wait, style: 'small' });
  return lines;
}
