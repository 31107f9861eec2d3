/** Secrets a CLI asks for (PINs, citizen ids) read from standard input, never the command line. */
import { createInterface } from 'node:readline';

/** Lines from standard input (a terminal prompt or a pipe), asked for in order. */
export async function stdinLines(prompts: readonly string[]): Promise<string[]> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const lines: string[] = [];
  const iterator = rl[Symbol.asyncIterator]();
  for (const prompt of prompts) {
    if (process.stdin.isTTY) process.stderr.write(prompt);
    const next = await iterator.next();
    if (next.done === true) break;
    lines.push(String(next.value).trim());
  }
  rl.close();
  return lines;
}
