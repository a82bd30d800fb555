import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { noLagSampleYet } from './health.messages.js';
import { neverThrow } from './never-throw.js';

/**
 * Per group: down when its verdict is ERR (Burrow's, or a partition stopped or stuck, which the
 * consumer knows before the commit window does, a crash, a stuck rebalance, a lag limit
 * exceeded); degraded on WARN (or while it rebalances); up otherwise. The same verdict as
 * Burrow's /v3, the metrics and the dashboard (KafkaHealthEvaluator); probing never touches the
 * broker.
 */
@Injectable()
export class KafkaLagHealthIndicator {
  /** @internal Nest injects the indicator; it is not constructed by hand. */
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly evaluator: KafkaHealthEvaluator,
  ) {}

  /**
   * Up, degraded (a WARN verdict) or down (an ERR verdict) with `sampledAt` and `groups` (each a
   * GroupLagDetail); up with a `message` before the first lag sample. Synchronous, never throws.
   * @param key the key of this check in the health response.
   */
  check<const Key extends string = 'kafka_lag'>(key: Key = 'kafka_lag' as Key): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    return neverThrow(
      (data) => check.down(data),
      () => {
        const { sampledAt, lag } = this.evaluator.evaluate();
        if (sampledAt === 0) return check.up({ message: noLagSampleYet });
        const data = { sampledAt, groups: lag.groups };
        if (lag.status === 'down') return check.down(data);
        return lag.status === 'degraded' ? check.degraded(data) : check.up(data);
      },
    );
  }
}
