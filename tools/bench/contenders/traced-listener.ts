// The library's consumer with OpenTelemetry on: the SDK's tracer provider registered for the run
// (AsyncLocalStorage context, W3C propagation, a batch span processor whose exporter drops the
// spans, so what is timed is making the spans, not shipping them), unregistered after it.
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { FinishLine } from '../bench-kit.js';
import type { Sample } from '../sample.js';
import { jsonListenerSample } from './kafka-listener.js';

const dropSpans: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => undefined,
};

/** jsonListenerSample with a registered tracer provider: each record gets its CONSUMER span. */
export async function tracedListenerSample(
  topic: string,
  line: FinishLine,
  work: (payload: object) => unknown,
): Promise<Sample> {
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropSpans)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  try {
    return await jsonListenerSample(topic, line, work);
  } finally {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  }
}
