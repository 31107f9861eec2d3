// Screenshots for people to look at: into the run's output folder, and also into SCREENS_DIR when it is set.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './chromium.js';

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(outputDir(), name), fullPage: true });
  const extra = process.env['SCREENS_DIR'];
  if (extra !== undefined && extra !== '') await page.screenshot({ path: join(extra, name), fullPage: true });
}
