import { KAFKA_ARGS_METADATA, KAFKA_PAYLOAD_SCHEMA_METADATA, KafkaParamType } from '../../kafka.constants.js';
import { isPayloadClass, isStandardSchema, type PayloadSchema } from '../../validation/payload-schema.js';
import { withParam, type Pipe } from './kafka-param-metadata.js';

// A pipe class has transform() on its prototype; a DTO class does not.
function isSchema(value: PayloadSchema | Pipe): value is PayloadSchema {
  return (
    isStandardSchema(value) || (isPayloadClass(value) && typeof value.prototype.transform !== 'function')
  );
}

function defineParam(type: KafkaParamType, data: string | undefined, pipes: Pipe[]): ParameterDecorator {
  return (target, key, index) => {
    const args = Reflect.getMetadata(KAFKA_ARGS_METADATA, target.constructor, key!) ?? {};
    Reflect.defineMetadata(
      KAFKA_ARGS_METADATA,
      withParam(args, type, index, data, pipes),
      target.constructor,
      key!,
    );
  };
}

/**
 * The record's value, deserialized and validated: against the parameter's class (a
 * class-validator DTO), or against the schema given here (a DTO class, or a Standard Schema
 * such as zod or valibot). Further arguments are Nest pipes.
 */
export function Payload(schemaOrPipe?: PayloadSchema | Pipe, ...pipes: Pipe[]): ParameterDecorator {
  const schema = schemaOrPipe !== undefined && isSchema(schemaOrPipe) ? schemaOrPipe : undefined;
  const allPipes = schema || schemaOrPipe === undefined ? pipes : [schemaOrPipe as Pipe, ...pipes];
  const param = defineParam(KafkaParamType.PAYLOAD, undefined, allPipes);
  return (target, key, index) => {
    param(target, key, index);
    Reflect.defineMetadata(KAFKA_PAYLOAD_SCHEMA_METADATA, { index, schema }, target.constructor, key!);
  };
}

/** The record's key as a string (null for keyless records). */
export const Key = (...pipes: Pipe[]): ParameterDecorator =>
  defineParam(KafkaParamType.KEY, undefined, pipes);

/** All headers, or the one named `name`, as strings. */
export const Headers = (name?: string, ...pipes: Pipe[]): ParameterDecorator =>
  defineParam(KafkaParamType.HEADERS, name, pipes);

/** The KafkaContext: topic, partition, offset, timestamp, heartbeat(), pause(). */
export const Ctx = (): ParameterDecorator => defineParam(KafkaParamType.CONTEXT, undefined, []);
