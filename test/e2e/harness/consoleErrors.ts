// The page's console errors, each with the resource it names (a failed request's URL), and which of them a
// test did not expect. Chromium logs every HTTP answer >= 400 to fetch as "Failed to load resource".
import type { Page } from 'playwright-core';

export interface ConsoleError {
  readonly text: string;
  readonly url: string;
}

/** A failed request a test expects: its status (or 'network' for net::ERR_*) on paths that match. */
export interface ExpectedFailure {
  readonly status: number | 'network';
  readonly path: RegExp;
  /** Why the page sees it (kept with the rule, for whoever reads a failure). */
  readonly why: string;
}

/** Starts collecting the page's console errors (kept across reloads of the page). */
export function collectConsoleErrors(page: Page): ConsoleError[] {
  const errors: ConsoleError[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push({ text: message.text(), url: message.location().url });
  });
  return errors;
}

function failureOf(error: ConsoleError): number | 'network' | null {
  if (!error.text.startsWith('Failed to load resource:')) return null;
  if (/net::ERR_/.test(error.text)) return 'network';
  const status = /status of (\d{3})/.exec(error.text)?.[1];
  return status === undefined ? null : Number(status);
}

/** The errors no rule expects: anything but a failed request, or a failed request no rule covers. */
export function unexpectedConsoleErrors(
  errors: readonly ConsoleError[],
  expected: readonly ExpectedFailure[],
): ConsoleError[] {
  return errors.filter((error) => {
    const failure = failureOf(error);
    if (failure === null) return true;
    let path = error.url;
    try {
      const url = new URL(error.url);
      path = url.pathname + url.search;
    } catch {
      // Not a URL: matched as it is.
    }
    return !expected.some((rule) => rule.status === failure && rule.path.test(path));
  });
}
