/** One line for logs and states: `Name: message`, or the thrown value as text. */
export function errorSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
