/**
 * Browser mode when the station cannot start (here the data folder is a file): the page people open says why
 * in Thai and English, where the data is, and that nothing stored was lost, instead of a dead address.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium, outputDir } from './harness/chromium.js';
import { startDevBrowser } from './harness/devBrowser.js';

describe('browser mode, station cannot start', () => {
  it('serves a bilingual page naming the cause and the data folder', async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'edge-e2e-fail-')), 'station-data');
    writeFileSync(notAFolder, 'a file where the data folder should be');
    const app = await startDevBrowser({ dataDir: notAFolder });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const response = await page.goto(app.url);
      expect(response?.status()).toBe(503);
      await expect(page.locator('h1').textContent()).resolves.toBe(
        'เปิดโปรแกรมไม่สำเร็จ / Clinic Edge could not start',
      );
      const body = (await page.locator('pre').textContent()) ?? '';
      expect(body).toContain('เขียนโฟลเดอร์ข้อมูลของสถานีไม่ได้');
      expect(body).toContain("The station's data folder cannot be written");
      expect(body).toContain('Nothing already stored was lost');
      expect(body).toContain(notAFolder);
      await page.screenshot({ path: join(outputDir(), 'startup-failure-browser.png') });
    } finally {
      await browser.close();
      await app.stop();
    }
  });
});
