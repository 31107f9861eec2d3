/**
 * The wire messages of the WebSocket bridge (the Electron IPC transport needs none: it has channels).
 * Kept pure so the renderer's client and the Node server parse the same shapes.
 */
import { z } from 'zod';

export const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
