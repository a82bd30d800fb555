import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { ClusterDescription } from '../client/admin-client.js';
import { KafkaConnection } from '../client/kafka-connection.js';
import { KAFKA_HEALTH_OPTIONS } from './kafka-health.module-definition.js';
import { resolveKafkaHealthOptions, type KafkaHealthModuleOptions } from './kafka-health.options.js';
import { brokerUnreachable, noController, tooFewBrokers } from './health.messages.js';

/**
 * The cluster answers describeCluster within the timeout, knows its controller, and has enough
 * live brokers. Uses the app's shared admin connection: no new client per probe. Belongs in
 * readiness, never in liveness (a broker outage must not restart every pod).
 */
@Injectable()
export class KafkaBrokerHealthIndicator {
  private readonly timeoutMs: number;
  private readonly minBrokers: number;
  // Probes arriving while one is pending share it, so an outage never piles up requests.
  private pending?: Promise<ClusterDescription>;

  /** @internal Nest injects the indicator; it is not constructed by hand. */
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly connection: KafkaConnection,
    @Inject(KAFKA_HEALTH_OPTIONS) options: KafkaHealthModuleOptions,
  ) {
    ({ brokerTimeoutMs: this.timeoutMs, minBrokers: this.minBrokers } = resolveKafkaHealthOptions(options));
  }

  /**
   * Up with `clusterId`, `controller`, `brokers` (live count) and `responseTimeMs`; down with a
   * `message` when describeCluster fails or exceeds `brokerTimeoutMs`, there is no controller, or
   * fewer than `minBrokers` brokers answer. Never throws.
   * @param key the key of this check in the health response.
   */
  async isHealthy<const Key extends string = 'kafka_broker'>(
    key: Key = 'kafka_broker' as Key,
  ): Promise<HealthIndicatorResult<Key>> {
    const check = this.health.check(key);
    const started = Date.now();
    try {
      this.pending ??= this.connection
        .admin()
        .describeCluster(this.timeoutMs)
        .finally(() => (this.pending = undefined));
      const cluster = await this.pending;
      const data = {
        clusterId: cluster.clusterId,
        controller: cluster.controller,
        brokers: cluster.brokers.length,
        responseTimeMs: Date.now() - started,
      };
      if (cluster.controller === null) return check.down({ ...data, message: noController });
      if (cluster.brokers.length < this.minBrokers) {
        return check.down({ ...data, message: tooFewBrokers(cluster.brokers.length, this.minBrokers) });
      }
      return check.up(data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return check.down({ message: brokerUnreachable(reason), responseTimeMs: Date.now() - started });
    }
  }
}
