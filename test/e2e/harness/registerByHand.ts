// The front desk registers an invented person typed in by hand (no card) and waits for the visit's queue number.
import type { Page } from 'playwright-core';

export interface TypedPerson {
  readonly cid: string;
  readonly first: string;
  readonly last: string;
}

/** Returns the queue number the saved visit shows; `onSave` runs just before the save is pressed (to time from it). */
export async function registerByHand(page: Page, person: TypedPerson, onSave?: () => void): Promise<string> {
  await page.click('[data-testid=tab-frontdesk]');
  await page.click('[data-testid=manual-open]');
  await page.fill('input[name=cid]', person.cid);
  await page.fill('input[name=first]', person.first);
  await page.fill('input[name=last]', person.last);
  onSave?.();
  await page.click('[data-testid=manual-save]');
  return (await page.getByTestId('saved-queue-number').textContent()) ?? '';
}
