// @opentelemetry/api is an optional peer dependency: only its types are imported statically (they
// vanish at build time); the module itself is loaded once, at startup, by loadOtelApi().
import type * as OtelApiModule from '@opentelemetry/api';

export type OtelApi = typeof OtelApiModule;
export type { Context, Link, Span, SpanContext, Tracer } from '@opentelemetry/api';

/** The OpenTelemetry API, or undefined when it is not installed. */
export async function loadOtelApi(): Promise<OtelApi | undefined> {
  try {
    return await import('@opentelemetry/api');
  } catch {
    return undefined;
  }
}

/**
 * True once an SDK registered a global tracer provider: until then the API hands out no-op
 * tracers, and tracing would cost per record for nothing. Unregistered, the global provider is
 * the API's proxy with the no-op delegate every fresh proxy has.
 */
export function tracerProviderRegistered(api: OtelApi): boolean {
  const provider = api.trace.getTracerProvider();
  const delegate = provider instanceof api.ProxyTracerProvider ? provider.getDelegate() : provider;
  return delegate !== new api.ProxyTracerProvider().getDelegate();
}
