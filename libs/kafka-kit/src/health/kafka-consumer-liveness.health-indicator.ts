import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { neverThrow } from './never-throw.js';

/**
 * Every consumer group makes progress: down with the details when one crashed (kafkajs will not
 * restart it), has been rebalancing for `stuckRebalanceMs`, a handler runs longer than
 * `stuckHandlerMs`, or a partition is stopped: exactly the groups whose verdict these facts make
 * ERR elsewhere. Reads the consumer's in-process state only, so it is cheap enough to probe
 * every second.
 */
@Injectable()
export class KafkaConsumerLivenessIndicator {
  /** @internal Nest injects the indicator; it is not constructed by hand. */
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly evaluator: KafkaHealthEvaluator,
  ) {}

  /**
   * Up with `states` (each own group's ConsumerState); down with `states` and `problems` (each a
   * LivenessProblem) when a group crashed, a rebalance is stuck, a handler is stuck or a
   * partition is stopped. Synchronous, in-process, never throws.
   * @param key the key of this check in the health response.
   */
  isAlive<const Key extends string = 'kafka_consumers_live'>(
    key: Key = 'kafka_consumers_live' as Key,
  ): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    return neverThrow(
      (data) => check.down(data),
      () => {
        const { consumers, liveness: problems } = this.evaluator.evaluate();
        const states = Object.fromEntries(consumers.map((g) => [g.groupId, g.state]));
        return problems.length > 0 ? check.down({ states, problems }) : check.up({ states });
      },
    );
  }
}
