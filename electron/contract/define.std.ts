/**
 * How a command or an event is declared. Inputs are parsed with zod in main (the trust boundary);
 * outputs and event payloads are parsed again in the renderer (Signal's rule: zod at every window boundary).
 */
import type { z } from 'zod';

export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CommandSpec<I, O> {
  return { input, output };
}
