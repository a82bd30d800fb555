import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { groupReadiness } from './consumer-readiness.js';
import { consumersNotReady, noConsumers } from './health.messages.js';
import { neverThrow } from './never-throw.js';

/** Every consumer group of the app has joined and has its assignment (not starting or rebalancing). */
@Injectable()
export class KafkaConsumerReadinessIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly consumers: ConsumerStateService,
  ) {}

  /** @param key the key of this check in the health response. */
  isReady<const Key extends string = 'kafka_consumers_ready'>(
    key: Key = 'kafka_consumers_ready' as Key,
  ): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    return neverThrow(
      (data) => check.down(data),
      () => {
        const groups = this.consumers.all().map(groupReadiness);
        if (groups.length === 0) return check.up({ message: noConsumers, groups });
        const waiting = groups.filter((g) => !g.ready).map((g) => g.groupId);
        return waiting.length > 0
          ? check.down({ message: consumersNotReady(waiting), groups })
          : check.up({ groups });
      },
    );
  }
}
