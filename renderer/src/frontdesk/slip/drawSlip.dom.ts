/**
 * Draws a queue slip on a 576-dot canvas (80 mm paper at 203 dpi) with the page's own Sarabun, so Chromium
 * shapes the Thai, then thresholds it to the printer's 1-bit raster. Waits for the font first: a slip drawn
 * before Sarabun loaded would print in a fallback face (or as boxes).
 */
import { SLIP_WIDTH_DOTS, type Raster } from '../../../../electron/contract/printer.std.js';
import type { UiLanguage } from '../thaiDates.std.js';
import { slipLines, type SlipFacts } from './slipContent.std.js';
import { layoutSlip, type SlipFont } from './slipLayout.std.js';
import { thresholdToRaster, trimBottom } from './packRaster.std.js';

function cssFont(font: SlipFont): string {
  return `${font.weight} ${font.px}px Sarabun, sans-serif`;
}

export async function drawSlip(facts: SlipFacts, language: UiLanguage): Promise<Raster> {
  // Sarabun comes as Thai and Latin subsets (unicode-range): load both weights of both, digits included.
  await Promise.all(
    ([400, 600] as const).map((weight) =>
      document.fonts.load(cssFont({ px: 20, weight, align: 'left' }), 'กขค A-012 ·'),
    ),
  );
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('no 2d canvas');
  const measure = (text: string, font: SlipFont): number => {
    context.font = cssFont(font);
    return context.measureText(text).width;
  };
  const layout = layoutSlip(slipLines(facts, language), SLIP_WIDTH_DOTS, measure);
  canvas.width = layout.width;
  canvas.height = layout.height;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, layout.width, layout.height);
  context.fillStyle = '#000';
  context.textBaseline = 'alphabetic';
  for (const placed of layout.texts) {
    context.font = cssFont(placed.font);
    context.textAlign = placed.font.align;
    context.fillText(placed.text, placed.x, placed.y);
  }
  // A rule under the queue number's block would waste paper; the cut line is the slip's edge.
  return trimBottom(
    thresholdToRaster(context.getImageData(0, 0, layout.width, layout.height).data, layout.width, layout.height),
  );
}
