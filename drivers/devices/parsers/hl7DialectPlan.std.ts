/**
 * Which code maps decode a message, in which order, and which unit a value has when OBX-6 is empty: the
 * port's dialect (IT's choice, or recognised from MSH-3/MSH-4 when it is 'auto'), then IT's own code map.
 *
 * Dialects and their sources (test/fixtures/devices/public/hl7/SOURCES.md):
 * - ihe-pcd: MDC codes with MDC/UCUM units (IHE PCD-01); Mindray VS900, Comen NC5 captures.
 * - mindray-legacy: Mindray's pre-IHE gateway (v2.3.1, `101^HR`, no OBX-6): units are the vocabulary's,
 *   which are the units the gateway sample states for each id (bpm, %, mmHg, °C, kg, cm).
 * - philips-mdil: `0002-4bb8^SpO2^MDIL` ids, units coded the same way (`0004-0220^%^MDIL`).
 * - nihon-kohden: private ids (`007000^VITAL SpO2`, `009000^NIBP SYS`) with text units in OBX-6 (`%`, `/min`,
 *   `mmHg`), so no unit is implied.
 * - innokas: no public capture or code list was found; MDC plus IT's own map until one is. It implies no
 *   unit: a value without one is refused until IT's map says what the monitor means.
 * - free-text: Thai HIS add-ons' text ids (`SYSTOLIC`), units as sent.
 */
import {
  freeTextCodeMap,
  mdcCodeMap,
  mindrayLegacyCodeMap,
  nihonKohdenCodeMap,
  philipsMdilCodeMap,
  type CodeMap,
} from './hl7Codes.std.js';
import { customCodeMap, customImpliedUnit, type CustomCodeEntry } from './customCodeMap.std.js';
import type { Hl7DialectName } from './hl7Dialect.std.js';
import { VITALS, type LoincCode } from '../../../sync/model/vitals/vitalSigns.std.js';

export type ConcreteDialect = Exclude<Hl7DialectName, 'auto'>;

/** One map in the plan, with the unit it implies for a value that came without OBX-6. */
export interface CodeSource {
  readonly map: CodeMap;
  readonly impliedUnit?: (code: LoincCode, components: readonly string[]) => string | undefined;
}

export interface DialectPlan {
  /** The dialect used ('auto' when nothing was recognised: MDC, MDIL and the profile's own maps). */
  readonly dialect: Hl7DialectName;
  readonly sources: readonly CodeSource[];
}

const vocabularyUnit = (code: LoincCode): string => VITALS[code].ucum;

const DIALECT_SOURCES: Readonly<Record<ConcreteDialect, readonly CodeSource[]>> = {
  'ihe-pcd': [{ map: mdcCodeMap }],
  'mindray-legacy': [{ map: mindrayLegacyCodeMap, impliedUnit: vocabularyUnit }, { map: mdcCodeMap }],
  'philips-mdil': [{ map: philipsMdilCodeMap }, { map: mdcCodeMap }],
  'nihon-kohden': [{ map: nihonKohdenCodeMap }, { map: mdcCodeMap }],
  innokas: [{ map: mdcCodeMap }],
  'free-text': [{ map: freeTextCodeMap }, { map: mdcCodeMap }],
};

/**
 * The dialect a sender names itself as in MSH-3/MSH-4 (any component, case-insensitive), or undefined.
 * Mindray's old gateway sends exactly `Mindray|Gateway`; its IHE monitors send `MINDRAY_VS900^…^EUI-64`,
 * which is IHE PCD and stays with MDC.
 */
export function recogniseDialect(sendingApp: string, sendingFacility: string): ConcreteDialect | undefined {
  const app = sendingApp.toUpperCase();
  const both = `${app}|${sendingFacility.toUpperCase()}`;
  if ((app.split('^')[0] ?? '') === 'MINDRAY') return 'mindray-legacy';
  if (/SURESIGNS|INTELLIVUE|PHILIPS/.test(both)) return 'philips-mdil';
  if (/NIHON|KOHDEN/.test(both)) return 'nihon-kohden';
  if (/INNOKAS|VC150/.test(both)) return 'innokas';
  return undefined;
}

/**
 * The plan for one message. `fallback` are the profile's own vendor maps, tried after MDC and MDIL when
 * 'auto' recognises nothing (they imply no unit). IT's custom entries always come last, so a known code is
 * never re-mapped by accident.
 */
export function dialectPlan(
  chosen: Hl7DialectName,
  custom: readonly CustomCodeEntry[],
  header: { readonly sendingApp: string; readonly sendingFacility: string },
  fallback: readonly CodeMap[],
): DialectPlan {
  const dialect = chosen === 'auto' ? recogniseDialect(header.sendingApp, header.sendingFacility) : chosen;
  const own: readonly CodeSource[] =
    dialect === undefined
      ? [{ map: mdcCodeMap }, { map: philipsMdilCodeMap }, ...fallback.map((map) => ({ map }))]
      : DIALECT_SOURCES[dialect];
  const mine: readonly CodeSource[] =
    custom.length === 0
      ? []
      : [{ map: customCodeMap(custom), impliedUnit: (_code, components) => customImpliedUnit(custom, components) }];
  return { dialect: dialect ?? 'auto', sources: [...own, ...mine] };
}
