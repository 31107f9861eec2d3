/** The message of anything thrown: an Error's message, or the value as text. At the bottom, so every layer has one. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
