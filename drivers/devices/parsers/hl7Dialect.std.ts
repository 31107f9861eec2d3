/**
 * The HL7 dialects IT can pick per listening port ('auto': recognised from MSH-3/MSH-4, else IHE PCD MDC).
 * A dialect is a list of code maps plus the units its devices imply when OBX-6 is empty.
 */
export const HL7_DIALECTS = [
  'auto',
  'ihe-pcd',
  'mindray-legacy',
  'philips-mdil',
  'nihon-kohden',
  'innokas',
  'free-text',
] as const;
export type Hl7DialectName = (typeof HL7_DIALECTS)[number];

export function isHl7DialectName(value: string): value is Hl7DialectName {
  return (HL7_DIALECTS as readonly string[]).includes(value);
}
