/**
 * Lays a slip's lines out on the 576-dot paper width: each style has a font size and weight, lines too wide
 * are wrapped at spaces first, a phrase wider than the line at Thai word breaks (Thai writes no spaces between
 * words: Intl.Segmenter's dictionary breaks, as Chromium's own line breaker does), a word wider than the paper at
 * its letters. Pure: the caller measures text with its font.
 */
import type { SlipLine, SlipLineStyle } from './slipContent.std.js';

export interface SlipFont {
  readonly px: number;
  readonly weight: 400 | 600;
  readonly align: 'center' | 'left';
}

export const SLIP_FONTS: Readonly<Record<SlipLineStyle, SlipFont>> = {
  title: { px: 30, weight: 600, align: 'center' },
  subtitle: { px: 26, weight: 400, align: 'center' },
  label: { px: 28, weight: 400, align: 'center' },
  queue: { px: 150, weight: 600, align: 'center' },
  strong: { px: 30, weight: 600, align: 'left' },
  body: { px: 26, weight: 400, align: 'left' },
  small: { px: 24, weight: 400, align: 'center' },
};

export interface PlacedText {
  readonly text: string;
  readonly font: SlipFont;
  /** Left edge for left-aligned text, centre for centred text. */
  readonly x: number;
  /** Baseline. */
  readonly y: number;
}

export interface SlipLayout {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly PlacedText[];
}

export type Measure = (text: string, font: SlipFont) => number;

/** Line height as a multiple of the font size: Thai stacks vowels and tone marks above and below. */
const LINE_HEIGHT = 1.45;

function words(text: string): string[] {
  return [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((part) => part.segment);
}

/** Space-separated phrases, each with the spaces before it. */
function phrases(text: string): string[] {
  return text.split(/(?=\s+\S)/u);
}

function graphemes(text: string): string[] {
  return [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(text)].map((part) => part.segment);
}

/** `text` in lines no wider than `maxWidth`; every character kept, in order. */
export function wrapText(text: string, font: SlipFont, maxWidth: number, measure: Measure): string[] {
  if (measure(text, font) <= maxWidth) return [text];
  const lines: string[] = [];
  let line = '';
  const push = (piece: string): void => {
    if (line === '' || measure(line + piece, font) <= maxWidth) {
      line += piece;
      return;
    }
    lines.push(line);
    line = piece.trimStart() === '' ? '' : piece;
  };
  const fits = (piece: string): boolean => measure(piece.trim(), font) <= maxWidth;
  for (const phrase of phrases(text)) {
    if (fits(phrase)) push(phrase);
    else
      for (const word of words(phrase)) {
        if (fits(word)) push(word);
        else for (const letter of graphemes(word)) push(letter);
      }
  }
  if (line !== '') lines.push(line);
  return lines.map((part) => part.trim()).filter((part) => part !== '');
}

export function layoutSlip(lines: readonly SlipLine[], width: number, measure: Measure, margin = 16): SlipLayout {
  const texts: PlacedText[] = [];
  let y = margin;
  for (const line of lines) {
    const font = SLIP_FONTS[line.style];
    const step = Math.round(font.px * (line.style === 'queue' ? 1.15 : LINE_HEIGHT));
    for (const part of wrapText(line.text, font, width - 2 * margin, measure)) {
      y += step;
      texts.push({ text: part, font, x: font.align === 'center' ? width / 2 : margin, y: y - Math.round(step * 0.28) });
    }
  }
  return { width, height: y + margin, texts };
}
