/** Checks of the central connection form before it goes to main, pure (main checks again with the contract). */
export type ConfigProblem = 'urlInvalid' | 'required' | 'caNotPem';

export interface ConfigDraft {
  readonly centralUrl: string;
  readonly username: string;
  readonly password: string;
  readonly caBundlePem: string | null;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text.trim());
  } catch {
    return null;
  }
}

export function configProblem(draft: ConfigDraft): ConfigProblem | null {
  const url = parseUrl(draft.centralUrl);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    return 'urlInvalid';
  if (draft.username.trim() === '' || draft.password === '') return 'required';
  if (draft.caBundlePem !== null && !isPem(draft.caBundlePem)) return 'caNotPem';
  return null;
}

export function isPem(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text);
}

/** The address as main wants it: trimmed, no trailing slash, no credentials typed into it. */
export function normaliseCentralUrl(text: string): string {
  const url = new URL(text.trim());
  url.username = '';
  url.password = '';
  return url.href.replace(/\/+$/, '');
}
