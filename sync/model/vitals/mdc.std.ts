/**
 * IEEE 11073-10101 (MDC) codes for vital signs, as monitors send them in HL7 OBX-3 (IHE PCD Rosetta
 * terminology): numeric code in component 1 and the MDC_ reference id in component 2. Each maps to the
 * vocabulary's LOINC code; several MDC terms are one vital for the chart (cuff and non-invasive pressure,
 * every pulse or heart rate source, every body-temperature site).
 *
 * Sources: IHE PCD-01 test messages and the Rosetta table as quoted in the project's device reference §A1;
 * MDC_PRESS_CUFF_* (1503xx), MDC_PULS_RATE (149522 as Comen NC5 sends it, 149514 as others do) and
 * MDC_TEMP_AXIL 188496 from public monitor captures (test/fixtures/devices/public/hl7); the MDC_TEMP_<site>
 * numerics of partition 2 (188420 rectal … 188456 GI tract) from the HL7 PHD/PHG FHIR IG code system.
 * Peripheral temperatures (skin, finger, toe) and invasive pressures are deliberately absent: they are not
 * the body temperature or the cuff blood pressure the chart means.
 */
import { Loinc, type LoincCode } from './vitalSigns.std.js';

export interface MdcTerm {
  readonly code: string;
  readonly refId: string;
  readonly loinc: LoincCode;
}

const term = (code: string, refId: string, loinc: LoincCode): MdcTerm => ({ code, refId, loinc });

export const MDC_TERMS: readonly MdcTerm[] = [
  term('150021', 'MDC_PRESS_BLD_NONINV_SYS', Loinc.systolic),
  term('150022', 'MDC_PRESS_BLD_NONINV_DIA', Loinc.diastolic),
  term('150023', 'MDC_PRESS_BLD_NONINV_MEAN', Loinc.meanArterial),
  term('150301', 'MDC_PRESS_CUFF_SYS', Loinc.systolic),
  term('150302', 'MDC_PRESS_CUFF_DIA', Loinc.diastolic),
  term('150303', 'MDC_PRESS_CUFF_MEAN', Loinc.meanArterial),
  term('147842', 'MDC_ECG_HEART_RATE', Loinc.heartRate),
  term('149530', 'MDC_PULS_OXIM_PULS_RATE', Loinc.heartRate),
  term('149546', 'MDC_PULS_RATE_NON_INV', Loinc.heartRate),
  term('149514', 'MDC_PULS_RATE', Loinc.heartRate),
  term('149522', 'MDC_PULS_RATE', Loinc.heartRate),
  term('150456', 'MDC_PULS_OXIM_SAT_O2', Loinc.spo2),
  term('151562', 'MDC_RESP_RATE', Loinc.respiratoryRate),
  term('151578', 'MDC_TTHOR_RESP_RATE', Loinc.respiratoryRate),
  term('150344', 'MDC_TEMP', Loinc.temperature),
  term('150364', 'MDC_TEMP_BODY', Loinc.temperature),
  term('150392', 'MDC_TEMP_TYMP', Loinc.temperature),
  term('188420', 'MDC_TEMP_RECT', Loinc.temperature),
  term('188424', 'MDC_TEMP_ORAL', Loinc.temperature),
  term('188428', 'MDC_TEMP_EAR', Loinc.temperature),
  term('188452', 'MDC_TEMP_AXILLA', Loinc.temperature),
  term('188496', 'MDC_TEMP_AXIL', Loinc.temperature),
  term('188456', 'MDC_TEMP_GIT', Loinc.temperature),
  term('188736', 'MDC_MASS_BODY_ACTUAL', Loinc.weight),
  term('188740', 'MDC_LEN_BODY_ACTUAL', Loinc.height),
  term('188752', 'MDC_RATIO_MASS_BODY_LEN_SQ', Loinc.bmi),
];

const byKey: ReadonlyMap<string, LoincCode> = new Map(
  MDC_TERMS.flatMap((t) => [
    [t.code, t.loinc],
    [t.refId, t.loinc],
  ]),
);

/** The vital an MDC numeric code or reference id stands for (case-insensitive), or undefined. */
export function mdcVital(codeOrRefId: string): LoincCode | undefined {
  return byKey.get(codeOrRefId.trim().toUpperCase());
}
