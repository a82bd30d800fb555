import type { ParamData } from '@nestjs/common';
import type { ParamsFactory } from '@nestjs/core';
import { KafkaParamType } from '../kafka.constants.js';
import type { KafkaContext } from './kafka-context.js';

/** Handlers are invoked with (payload, context); parameter decorators pick from those. */
export class KafkaParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, data: ParamData, args: [unknown, KafkaContext]): unknown {
    const [payload, ctx] = args;
    switch (type as KafkaParamType) {
      case KafkaParamType.PAYLOAD:
        return payload;
      case KafkaParamType.KEY:
        return ctx.key;
      case KafkaParamType.HEADERS:
        return typeof data === 'string' ? ctx.headers[data] : ctx.headers;
      case KafkaParamType.CONTEXT:
        return ctx;
      default:
        return undefined;
    }
  }
}
