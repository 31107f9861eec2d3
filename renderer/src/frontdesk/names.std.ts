/** How a patient's name reads on screen, in the UI's language when the record has it. */
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { LANGUAGE_EXT } from '../../../sync/model/systems.std.js';

export function displayName(patient: Pick<PatientDoc, 'name'>, language: 'th' | 'en'): string {
  const names = patient.name ?? [];
  const inLanguage = names.find((name) =>
    name.extension?.some((ext) => ext.url === LANGUAGE_EXT && ext.valueCode === language),
  );
  const name = inLanguage ?? names[0];
  if (name === undefined) return '';
  if (name.text !== undefined && name.text !== '') return name.text;
  return [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].filter((part) => part !== '').join(' ');
}
