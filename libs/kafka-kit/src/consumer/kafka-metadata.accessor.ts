import { Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  KAFKA_CONSUMER_METADATA,
  KAFKA_LISTENER_METADATA,
  KAFKA_PAYLOAD_SCHEMA_METADATA,
} from '../kafka.constants.js';
import type { KafkaConsumerOptions } from '../interfaces/consumer-options.interface.js';
import type { PayloadSchema } from '../validation/payload-schema.js';
import type { KafkaListenerMetadata } from './decorators/kafka-listener.decorator.js';

// Parameter types that say nothing about the payload's shape: nothing to validate against.
const UNTYPED = new Set<unknown>([Object, String, Number, Boolean, Array, Buffer, undefined]);

/** The only reader of the library's decorator metadata. */
@Injectable()
export class KafkaMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  consumerOptions(
    target: Type | (abstract new (...args: never[]) => unknown),
  ): KafkaConsumerOptions | undefined {
    return this.reflector.get(KAFKA_CONSUMER_METADATA, target);
  }

  listener(method: (...args: never[]) => unknown): KafkaListenerMetadata | undefined {
    return this.reflector.get(KAFKA_LISTENER_METADATA, method);
  }

  /** The schema of the `@Payload()` parameter: given explicitly, or the parameter's DTO class. */
  payloadSchema(prototype: object, methodName: string): PayloadSchema | undefined {
    const meta: { index: number; schema?: PayloadSchema } | undefined = Reflect.getMetadata(
      KAFKA_PAYLOAD_SCHEMA_METADATA,
      prototype.constructor,
      methodName,
    );
    if (!meta) return undefined;
    if (meta.schema) return meta.schema;
    const types: unknown[] = Reflect.getMetadata('design:paramtypes', prototype, methodName) ?? [];
    const declared = types[meta.index];
    return UNTYPED.has(declared) ? undefined : (declared as PayloadSchema);
  }
}
