/**
 * Who an HL7 ORU says it measured: the identifiers of its PID segment, so a reading is charted to that
 * person and a mismatch with the station's bound patient is shown instead of charted.
 *
 * HL7 v2 PID-3 (Patient Identifier List) repeats CX values `id^check^scheme^authority^type`; the identifier
 * type (CX.5, HL7 table 0203) tells an HN (`HN`, or `MR`, the medical record number) from a national id
 * (`CID`, `NI`, `NNTHA`). Thai HIS that predate typed CX put the citizen id in PID-2 (external id) or PID-19
 * (the SSN field). A citizen id counts only when it passes the check digit; an untyped PID-3 value counts as
 * one only then too (a bed or monitor number must not become a person). Two different citizen ids (or HNs) in
 * one message are reported as disagreeing and neither is named: that is never settled here.
 */
import { isValidCid } from '../../../sync/model/cid.std.js';
import type { Hl7Message } from './hl7.std.js';

export interface PidIdentifiers {
  readonly cid?: string;
  readonly hn?: string;
  /** The message names two different citizen ids or HNs. */
  readonly disagree?: boolean;
}

const HN_TYPES = new Set(['HN', 'MR']);
const CID_TYPES = new Set(['CID', 'NI', 'NNTHA', 'NNTH']);

/** HL7 repetition separator from MSH-2 (`^~\&`): the second character. */
function repetitionSeparator(message: Hl7Message): string {
  return message.segments[0]?.[2]?.[1] ?? '~';
}

export function pidIdentifiers(message: Hl7Message): PidIdentifiers {
  const pid = message.segments.find((segment) => segment[0] === 'PID');
  if (pid === undefined) return {};
  const cids = new Set<string>();
  const hns = new Set<string>();
  const component = message.componentSeparator;
  for (const value of (pid[3] ?? '').split(repetitionSeparator(message))) {
    const parts = value.split(component);
    const id = (parts[0] ?? '').trim();
    const type = (parts[4] ?? '').trim().toUpperCase();
    if (id === '') continue;
    if (HN_TYPES.has(type)) hns.add(id);
    else if ((CID_TYPES.has(type) || type === '') && isValidCid(id)) cids.add(id);
  }
  for (const field of [pid[2], pid[19]]) {
    const id = (field ?? '').split(component)[0]?.trim() ?? '';
    if (isValidCid(id)) cids.add(id);
  }
  // Two different people in one message: name neither, say they disagree.
  const cid = cids.size === 1 ? [...cids][0] : undefined;
  const hn = hns.size === 1 ? [...hns][0] : undefined;
  return {
    ...(cid === undefined ? {} : { cid }),
    ...(hn === undefined ? {} : { hn }),
    ...(cids.size > 1 || hns.size > 1 ? { disagree: true } : {}),
  };
}

/**
 * The frame text as kept with the reading (stored as JSON, shown to the renderer): every 13-digit run, as the
 * log redaction reads a citizen id, becomes `[cid]`. The exact bytes stay in the inbox's raw column for IT.
 */
export function maskCids(raw: string): string {
  return raw.replace(/(?<!\d)\d{13}(?!\d)/g, '[cid]');
}
