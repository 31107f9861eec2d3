/**
 * Prints a visit's queue slip on the station's receipt printer: drawn here, sent to main as a 1-bit raster.
 * Answers the error code instead of throwing: the visit is already saved, a failed print only needs a reprint.
 */
import { invoke } from '../../bridge/client.dom.js';
import type { UiLanguage } from '../thaiDates.std.js';
import type { SlipFacts } from './slipContent.std.js';
import { drawSlip } from './drawSlip.dom.js';

export type PrintOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

export async function printSlip(
  encounterId: string,
  facts: SlipFacts,
  language: UiLanguage,
  reprint: boolean,
): Promise<PrintOutcome> {
  const raster = await drawSlip(facts, language);
  const result = await invoke('printer.printSlip', {
    encounterId,
    reprint,
    raster: { widthBytes: raster.widthBytes, height: raster.height, base64: toBase64(raster.data) },
  });
  return result.ok ? { ok: true } : { ok: false, code: result.error.code };
}
