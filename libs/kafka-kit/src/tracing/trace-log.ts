import type { OtelApi } from './otel-api.js';

// The OpenTelemetry API keeps its context process-wide; the loaded module is held the same way,
// so every failure log can read the active span without being handed a tracing object.
let loaded: OtelApi | undefined;

/** Called once at startup by an application that traces. */
export function traceLogsWith(api: OtelApi): void {
  loaded = api;
}

/**
 * ` (trace_id=... span_id=...)` when a span is active (a failed record's span, while its error
 * strategy runs), else nothing: appended to the library's failure logs to find them by trace.
 */
export function traceIds(): string {
  const span = loaded?.trace.getActiveSpan();
  if (!span) return '';
  const { traceId, spanId } = span.spanContext();
  return loaded!.isSpanContextValid(span.spanContext()) ? ` (trace_id=${traceId} span_id=${spanId})` : '';
}
