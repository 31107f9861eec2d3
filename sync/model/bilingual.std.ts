/** A text in Thai and English: every message a clerk, nurse or IT reads comes in both. */
export interface Bilingual {
  readonly th: string;
  readonly en: string;
}

/** "ไทย / English", for CLIs and logs read by IT. */
export function bothLanguages(text: Bilingual): string {
  return `${text.th} / ${text.en}`;
}
