// Patient data never goes into logs: scan every log file a run wrote for 13-digit runs (citizen ids).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LogScan {
  readonly files: number;
  readonly bytes: number;
  readonly hits: readonly string[];
}

export function scanLogsForCitizenIds(dir: string): LogScan {
  const hits: string[] = [];
  let files = 0;
  let bytes = 0;
  function walk(path: string): void {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.log')) {
        files += 1;
        const text = readFileSync(full, 'utf8');
        bytes += text.length;
        for (const match of text.matchAll(/(?<!\d)\d{13}(?!\d)/g))
          hits.push(`${entry}: …${match[0].slice(0, 3)}**********`);
      }
    }
  }
  walk(dir);
  return { files, bytes, hits };
}
