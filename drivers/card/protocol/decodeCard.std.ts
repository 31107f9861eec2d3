/** The MOI applet's raw field bytes → the typed CardText of the contract (checksum, dates, names, address). */
import type { CardText, CardWarning } from '../cardRead.std.js';
import { isValidCid, personType } from '../../../sync/model/cid.std.js';
import { isExpired, parseBuddhistDate } from './dates.std.js';
import { CardFailure } from './failure.std.js';
import type { MoiField } from './memoryMap.std.js';
import { decodeField, parseName, parseSex } from './text.std.js';
import { parseAddress } from './address.std.js';

export function decodeMoiFields(fields: ReadonlyMap<MoiField, Uint8Array>, atrHex: string, today: string): CardText {
  const text = (name: MoiField): string => decodeField(fields.get(name) ?? new Uint8Array(0));
  const warnings: CardWarning[] = [];
  const cid = text('cid');
  if (!/^\d{13}$/.test(cid)) throw new CardFailure('card_bad_answer', 'citizen id field is not 13 digits');
  if (!isValidCid(cid)) throw new CardFailure('card_bad_checksum', 'citizen id check digit does not match');
  const type = personType(cid);
  if (type > 8) warnings.push('person_type_unknown');

  const birth = parseBuddhistDate(text('birthDate'));
  let birthDate: string | null = null;
  if (birth.kind === 'date') {
    birthDate = birth.iso;
    if (birth.precision !== 'day') warnings.push('birth_date_partial');
  } else {
    warnings.push('birth_date_unreadable');
  }
  const issue = parseBuddhistDate(text('issueDate'));
  const expiry = parseBuddhistDate(text('expiryDate'));
  const expiryDate = expiry.kind === 'date' ? expiry.iso : null;
  if (expiryDate !== null && isExpired(expiryDate, today)) warnings.push('card_expired');
  if (expiry.kind === 'invalid') warnings.push('expiry_unreadable');
  const requestNumber = fields.has('requestNumber') ? text('requestNumber') : '';
  if (requestNumber === '') warnings.push('request_number_absent');

  return {
    cid,
    personType: type,
    thaiName: parseName(text('thaiName')),
    englishName: parseName(text('englishName')),
    birthDate,
    sex: parseSex(text('sex')),
    issuer: text('issuer'),
    issueDate: issue.kind === 'date' ? issue.iso : null,
    expiryDate,
    address: parseAddress(text('address')),
    atr: atrHex,
    requestNumber: requestNumber === '' ? null : requestNumber,
    warnings,
  };
}
