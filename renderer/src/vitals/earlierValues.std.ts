/**
 * Values of one reading that the device says it measured at another time than the rest (a monitor sends its
 * last completed NIBP beside the current SpO2, minutes or hours old): the nurse sees which and when before
 * confirming. Device times are HL7 DTM as sent (no time zone): shown as the device's clock, HH:MM.
 */
export interface EarlierValue {
  /** The LOINC code, or 'bp' for systolic and diastolic together (the key VitalRows names rows by). */
  readonly code: string;
  /** "11:10", or the date too ("6/12 11:10") when it is another day than the reading's. */
  readonly at: string;
}

import { DIASTOLIC, SYSTOLIC } from '../../../sync/model/vitals/vitalSigns.std.js';

const DTM = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})/;

export function earlierValues(reading: {
  readonly deviceTime?: string | undefined;
  readonly values: readonly { readonly code: string; readonly deviceTime?: string | undefined }[];
}): EarlierValue[] {
  const set = DTM.exec(reading.deviceTime ?? '');
  const found = reading.values.flatMap((value) => {
    const own = DTM.exec(value.deviceTime ?? '');
    if (own === null || (set !== null && own[0] === set[0])) return [];
    const clock = `${own[4] ?? ''}:${own[5] ?? ''}`;
    const sameDay = set !== null && own.slice(1, 4).join('') === set.slice(1, 4).join('');
    const code = value.code === SYSTOLIC || value.code === DIASTOLIC ? 'bp' : value.code;
    return [{ code, at: sameDay ? clock : `${String(Number(own[3]))}/${String(Number(own[2]))} ${clock}` }];
  });
  return found.filter((item, index) => found.findIndex((other) => other.code === item.code) === index);
}
