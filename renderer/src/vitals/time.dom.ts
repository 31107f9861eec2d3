/** Times as the nurse reads them (Thai or English clock, this station's time zone). */
export function timeOfDay(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language === 'en' ? 'en-GB' : 'th-TH', {
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function dateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'th-TH', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
