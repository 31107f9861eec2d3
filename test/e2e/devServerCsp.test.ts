/**
 * `npm run dev` in Chromium: the renderer from Vite's dev server (React refresh preamble inline, styles
 * injected as <style>) under the policy Electron main gives the dev server's responses. The strict app://
 * policy blanks that page (the defect), the development policy renders it; checked with the real dev server
 * and the policies main builds, Electron's webRequest hook stood in for by a Playwright route.
 */
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, outputDir } from './harness/chromium.js';
import { projectRoot } from './harness/devBrowser.js';
import { contentSecurityPolicy } from '../../electron/security/csp.std.js';

let server: ViteDevServer;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  // A concrete port: with port 0 Vite's HMR client would dial ws://127.0.0.1:0.
  const port = await freePort();
  server = await createServer({
    configFile: join(projectRoot, 'renderer/vite.config.ts'),
    server: { host: '127.0.0.1', port, strictPort: true },
    logLevel: 'silent',
  });
  await server.listen();
  origin = (server.resolvedUrls?.local[0] ?? '').replace(/\/$/, '');
  browser = await launchChromium();
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openUnder(policy: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.route(`${origin}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await page.goto(`${origin}/`);
  return { page, violations };
}

describe('the renderer from the Vite dev server', () => {
  const hmr = () => origin.replace(/^http/, 'ws');

  it('renders under the development policy main gives the dev server', async () => {
    const { page, violations } = await openUnder(contentSecurityPolicy({ connect: [hmr()], development: true }));
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, {
      timeout: 30_000,
    });
    await page.screenshot({ path: join(outputDir(), 'dev-server-csp.png') });
    expect(violations, violations.join('\n')).toEqual([]);
    await page.close();
  });

  it('stays blank under the strict app:// policy (why the dev server needs its own)', async () => {
    const { page, violations } = await openUnder(contentSecurityPolicy({ connect: [hmr()] }));
    await page.waitForTimeout(3_000);
    expect(await page.evaluate(() => document.getElementById('root')?.childElementCount ?? 0)).toBe(0);
    expect(violations.length).toBeGreaterThan(0);
    await page.close();
  });
});
