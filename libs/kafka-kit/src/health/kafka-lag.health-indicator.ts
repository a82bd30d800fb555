import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { LagSampler } from '../lag/lag-sampler.service.js';
import { livenessProblems } from './consumer-liveness.js';
import { noLagSampleYet } from './health.messages.js';
import { KAFKA_HEALTH_OPTIONS } from './kafka-health.module-definition.js';
import {
  resolveKafkaHealthOptions,
  type KafkaHealthModuleOptions,
  type ResolvedKafkaHealthOptions,
} from './kafka-health.options.js';
import { lagVerdict } from './lag-verdict.js';
import { neverThrow } from './never-throw.js';

/**
 * Per group: down when Burrow's verdict is ERR (or a partition is stopped or stuck, which the
 * consumer knows before the commit window does) or a lag limit is exceeded; degraded on WARN;
 * up otherwise. Reads the sampler's last result: probing never touches the broker.
 */
@Injectable()
export class KafkaLagHealthIndicator {
  private readonly options: ResolvedKafkaHealthOptions;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly sampler: LagSampler,
    private readonly consumers: ConsumerStateService,
    @Inject(KAFKA_HEALTH_OPTIONS) options: KafkaHealthModuleOptions,
  ) {
    this.options = resolveKafkaHealthOptions(options);
  }

  /** @param key the key of this check in the health response. */
  check<const Key extends string = 'kafka_lag'>(key: Key = 'kafka_lag' as Key): HealthIndicatorResult<Key> {
    const check = this.health.check(key);
    return neverThrow(
      (data) => check.down(data),
      () => {
        const snapshot = this.sampler.snapshot();
        if (snapshot.sampledAt === 0) return check.up({ message: noLagSampleYet });
        const now = Date.now();
        const problems = this.consumers
          .all()
          // Any ongoing rebalance (threshold 0) is news for the lag verdict, not only a stuck one.
          .flatMap((g) => livenessProblems(g, now, this.options.stuckHandlerMs, 0));
        const verdict = lagVerdict(snapshot.groups, problems, this.options);
        const data = { sampledAt: snapshot.sampledAt, groups: verdict.groups };
        if (verdict.status === 'down') return check.down(data);
        return verdict.status === 'degraded' ? check.degraded(data) : check.up(data);
      },
    );
  }
}
