// Front-desk steps several e2e runs share: a demo card in and out, the claim codes stored on Encounters, and the
// slip a virtual printer received saved as a PNG and measured for ink.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './chromium.js';
import { readWinningDocs } from './pouchIndexedDb.js';
import { rasterToPng, type Ticket } from '../../factories/printer/virtualPrinter.js';
import { TH_NHSO_CLAIM_CODE } from '../../../sync/model/systems.std.js';

/** The slip's raster as a PNG in the run's output folder (and SCREENS_DIR when set). */
export function savePng(ticket: Ticket, name: string): void {
  if (ticket.raster === null) throw new Error('no raster');
  const png = rasterToPng(ticket.raster);
  writeFileSync(join(outputDir(), name), png);
  const extra = process.env['SCREENS_DIR'];
  if (extra !== undefined && extra !== '') writeFileSync(join(extra, name), png);
}

/** Black dots in rows [from, to): enough ink means text was drawn there. */
export function inkIn(ticket: Ticket, from: number, to: number): number {
  const raster = ticket.raster;
  if (raster === null) return 0;
  let ink = 0;
  for (const byte of raster.data.subarray(from * raster.widthBytes, Math.min(raster.height, to) * raster.widthBytes))
    for (let bit = byte; bit !== 0; bit &= bit - 1) ink += 1;
  return ink;
}

/** Inserts one of the demo station's made-up cards and waits for its text and photo. */
export async function insertDemoCard(page: Page, identity: string): Promise<void> {
  const controls = page.getByTestId('demo-card-controls');
  await controls.getByTestId('demo-card-identity').selectOption(identity);
  await controls.getByTestId('demo-card-insert').click();
  await page.getByTestId('card-thai-name').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=card-photo] img').waitFor({ timeout: 20_000 });
}

export async function removeDemoCard(page: Page): Promise<void> {
  await page.getByTestId('demo-card-controls').getByTestId('demo-card-remove').click();
  await page.getByTestId('card-waiting').waitFor();
}

/** The NHSO claim codes stored on the Encounters in the page's store. */
export async function claimCodesOnEncounters(page: Page, hcode: string): Promise<string[]> {
  const docs = await page.evaluate(readWinningDocs, `clinic_${hcode}`);
  return docs
    .filter((doc) => doc.id.startsWith('Encounter/'))
    .flatMap((doc) =>
      ((doc.doc['identifier'] as { system: string; value: string }[] | undefined) ?? [])
        .filter((id) => id.system === TH_NHSO_CLAIM_CODE)
        .map((id) => id.value),
    );
}
