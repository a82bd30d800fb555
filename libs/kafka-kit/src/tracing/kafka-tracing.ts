import { Logger } from '@nestjs/common';
import type { KafkaConnection } from '../client/kafka-connection.js';
import { InvalidKafkaOptionsError } from '../errors/invalid-kafka-options.error.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { ListenerSpans, type ListenerTraceInfo } from './listener-spans.js';
import { loadOtelApi, tracerProviderRegistered, type OtelApi, type Tracer } from './otel-api.js';
import { tracedEnqueue, tracedSendBatch, type Enqueue, type SendBatch } from './produce-spans.js';
import { traceLogsWith } from './trace-log.js';
import {
  instrumentationBypassed,
  invalidTracingOption,
  tracingApiMissing,
  tracingOn,
} from './tracing.messages.js';

const TRACER_NAME = 'nest-kafka-kit';

/**
 * Whether this application traces Kafka records, decided once at startup; each hook returns
 * undefined when it does not, so the producer and the consumer keep their untraced paths as
 * they are. `@opentelemetry/api` is imported here only, and only unless `tracing: false`.
 */
export class KafkaTracing {
  private static readonly logger = new Logger('KafkaTracing');
  static readonly off = new KafkaTracing(undefined);

  private readonly tracer?: Tracer;

  private constructor(private readonly api: OtelApi | undefined) {
    this.tracer = api?.trace.getTracer(TRACER_NAME);
  }

  static async create(setting: KafkaModuleOptions['tracing']): Promise<KafkaTracing> {
    if (setting === false) return KafkaTracing.off;
    if (setting !== undefined && setting !== true && setting !== 'auto')
      throw new InvalidKafkaOptionsError('tracing', invalidTracingOption(JSON.stringify(setting)));
    const api = await loadOtelApi();
    if (!api) {
      if (setting === true) KafkaTracing.logger.warn(tracingApiMissing());
      return KafkaTracing.off;
    }
    // 'auto': the API alone is no reason (prom-client installs it); a registered SDK is.
    const registered = tracerProviderRegistered(api);
    if (setting !== true && !registered) return KafkaTracing.off;
    traceLogsWith(api);
    KafkaTracing.logger.log(tracingOn(registered ? 'a tracer provider is registered' : 'tracing: true'));
    return new KafkaTracing(api);
  }

  get enabled(): boolean {
    return this.api !== undefined;
  }

  /** Tracing: the connection's clients leave a client-level instrumentation out (one span per record). */
  claim(connection: KafkaConnection): KafkaConnection {
    if (this.api && connection.bypassInstrumentation()) KafkaTracing.logger.log(instrumentationBypassed());
    return connection;
  }

  /** `enqueue` with a PRODUCER span and the context in the headers of each record. */
  producer(enqueue: Enqueue): Enqueue | undefined {
    return this.api && tracedEnqueue(this.api, this.tracer!, enqueue);
  }

  /** A transaction's send, traced like `producer` (a span per record); undefined when off. */
  transaction(send: SendBatch): SendBatch | undefined {
    return this.api && tracedSendBatch(this.api, this.tracer!, send);
  }

  /** The spans of one listener. */
  listener(info: ListenerTraceInfo): ListenerSpans | undefined {
    return this.api && new ListenerSpans(this.api, this.tracer!, info);
  }
}
