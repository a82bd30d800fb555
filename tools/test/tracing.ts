// OpenTelemetry for tests: the SDK's in-memory exporter behind a registered tracer provider,
// AsyncLocalStorage context and W3C propagation, as an application's tracing setup would do.
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TestTracing {
  spans(): ReadableSpan[];
  /** Unregisters everything, so later tests in the process run untraced. */
  shutdown(): Promise<void>;
}

export function startTestTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    spans: () => exporter.getFinishedSpans(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * An HTTP server span around each request, as @opentelemetry/instrumentation-http makes one:
 * the request's `traceparent` is the parent, and the request's events (the body parser's) run
 * in the span's context, so the controller does too.
 */
export function httpServerSpans(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const parent = propagation.extract(context.active(), req.headers);
  const span = trace
    .getTracer('test-http')
    .startSpan(`${req.method} ${req.url}`, { kind: SpanKind.SERVER }, parent);
  const active = trace.setSpan(parent, span);
  context.bind(active, req);
  context.bind(active, res);
  res.on('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    span.end();
  });
  context.with(active, next);
}
