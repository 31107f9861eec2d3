/** The names IT picks from; the contract's schema is made from this list, so the two can never disagree. */
export const profileNames = [
  'hl7-mllp',
  'hl7-raw-tcp',
  'omron-hbp9030',
  'omron-hbp9020',
  'and-tm2657p',
  'terumo-bp500',
  'gtech-gl310',
  'tanita-sc240',
  'tanita-sc330',
  'tanita-mc780',
  'tanita-dc320',
  'tanita-bc418',
  'masimo-rad8',
  'contec-cms50dplus',
  'omron-hem790it',
] as const;
export type ProfileName = (typeof profileNames)[number];

export function isProfileName(value: string): value is ProfileName {
  return (profileNames as readonly string[]).includes(value);
}
