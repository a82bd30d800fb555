import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { consumersNotReady, noConsumers } from './health.messages.js';
import { neverThrow } from './never-throw.js';

/**
 * Every consumer group of the app has joined and has its assignment (not starting or
 * rebalancing), and the broker still counts its member (a heartbeat within the session timeout).
 */
@Injectable()
export class KafkaConsumerReadinessIndicator {
  /** @internal Nest injects the indicator; it is not constructed by hand. */
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly evaluator: KafkaHealthEvaluator,
  ) {}

  /**
   * Up with `groups` (each own group's readiness) when every group is ready, or with a `message`
   * when the app has no consumer; down with a `message` naming the groups not ready (starting,
   * rebalancing, or no heartbeat within the session timeout). Synchronous, never throws.
   * @param key the key of this check in the health response.
   */
  isReady<const Key extends string = 'kafka_consumers_ready'>(
    key: Key = 'kafka_consumers_ready' as Key,
  ): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    return neverThrow(
      (data) => check.down(data),
      () => {
        const groups = this.evaluator.evaluate().readiness;
        if (groups.length === 0) return check.up({ message: noConsumers, groups });
        const waiting = groups.filter((g) => !g.ready).map((g) => g.groupId);
        return waiting.length > 0
          ? check.down({ message: consumersNotReady(waiting), groups })
          : check.up({ groups });
      },
    );
  }
}
