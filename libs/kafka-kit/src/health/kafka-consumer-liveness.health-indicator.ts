import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { livenessProblems } from './consumer-liveness.js';
import { KAFKA_HEALTH_OPTIONS } from './kafka-health.module-definition.js';
import { neverThrow } from './never-throw.js';
import { resolveKafkaHealthOptions, type KafkaHealthModuleOptions } from './kafka-health.options.js';

/**
 * Every consumer group makes progress: down with the details when one crashed (kafkajs will not
 * restart it), has been rebalancing for `stuckRebalanceMs`, a handler runs longer than
 * `stuckHandlerMs`, or a partition is stopped.
 * Reads the consumer's in-process state only, so it is cheap enough to probe every second.
 */
@Injectable()
export class KafkaConsumerLivenessIndicator {
  private readonly stuckHandlerMs: number;
  private readonly stuckRebalanceMs: number;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly consumers: ConsumerStateService,
    @Inject(KAFKA_HEALTH_OPTIONS) options: KafkaHealthModuleOptions,
  ) {
    ({ stuckHandlerMs: this.stuckHandlerMs, stuckRebalanceMs: this.stuckRebalanceMs } =
      resolveKafkaHealthOptions(options));
  }

  /** @param key the key of this check in the health response. */
  isAlive<const Key extends string = 'kafka_consumers_live'>(
    key: Key = 'kafka_consumers_live' as Key,
  ): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    return neverThrow(
      (data) => check.down(data),
      () => {
        const now = Date.now();
        const groups = this.consumers.all();
        const problems = groups.flatMap((g) =>
          livenessProblems(g, now, this.stuckHandlerMs, this.stuckRebalanceMs),
        );
        const states = Object.fromEntries(groups.map((g) => [g.groupId, g.state]));
        return problems.length > 0 ? check.down({ states, problems }) : check.up({ states });
      },
    );
  }
}
