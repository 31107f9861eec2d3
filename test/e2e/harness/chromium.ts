// Debian's Chromium driven by playwright-core (no browser download), with the flags this closed network needs.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { projectRoot } from './devBrowser.js';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The same browser with a profile on disk (IndexedDB persisted as in the app; launch() keeps it in memory). */
export async function launchPersistentChromium(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A fresh profile folder, so two "stations" in one test never share IndexedDB. */
export function profileDir(): string {
  return mkdtempSync(join(tmpdir(), 'edge-chromium-'));
}

/** Where screenshots and other artefacts of a run go (git-ignored). */
export function outputDir(): string {
  const dir = join(projectRoot, 'test-output', 'e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}
