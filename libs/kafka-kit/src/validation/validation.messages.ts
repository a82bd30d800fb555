export function payloadMustBeObject(): string {
  return 'the payload must be a JSON object to fill a DTO class';
}
