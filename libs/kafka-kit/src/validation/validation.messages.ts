export function payloadMustBeObject(): string {
  return 'the payload must be a JSON object to fill a DTO class';
}

export function payloadTooDeep(): string {
  return 'the payload is nested too deeply to map onto the DTO class (the call stack ran out)';
}
