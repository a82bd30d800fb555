import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { HealthProbeLog } from './health-probe-log.js';
import { KafkaBrokerHealthIndicator } from './kafka-broker.health-indicator.js';
import { KafkaConsumerLivenessIndicator } from './kafka-consumer-liveness.health-indicator.js';
import { KafkaConsumerReadinessIndicator } from './kafka-consumer-readiness.health-indicator.js';
import { KafkaLagHealthIndicator } from './kafka-lag.health-indicator.js';

/**
 * GET /health/live: the consumers make progress (no broker call: an outage must not restart
 * pods). GET /health/ready: consumers joined and the broker reachable. GET /health: all of it
 * with lag. 503 when a check is down; 200 with status "degraded" on a lag warning. Each probe
 * is logged when its status changes, not at every poll.
 */
@Controller('health')
export class KafkaHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly broker: KafkaBrokerHealthIndicator,
    private readonly readiness: KafkaConsumerReadinessIndicator,
    private readonly liveness: KafkaConsumerLivenessIndicator,
    private readonly lag: KafkaLagHealthIndicator,
    private readonly log: HealthProbeLog,
  ) {}

  /** `GET /health/live`: the liveness check alone (`kafka_consumers_live`); 503 when down. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.probe('/health/live', [() => this.liveness.isAlive()]);
  }

  /** `GET /health/ready`: `kafka_consumers_ready` and `kafka_broker`; 503 when either is down. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.probe('/health/ready', [() => this.readiness.isReady(), () => this.broker.isHealthy()]);
  }

  /**
   * `GET /health`: broker, readiness, liveness and lag (`kafka_lag`); 503 when one is down, 200 with
   * status `degraded` on a lag warning.
   */
  @Get()
  @HealthCheck()
  all(): Promise<HealthCheckResult> {
    return this.probe('/health', [
      () => this.broker.isHealthy(),
      () => this.readiness.isReady(),
      () => this.liveness.isAlive(),
      () => this.lag.check(),
    ]);
  }

  private async probe(name: string, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check(checks);
      this.log.observe(name, result);
      return result;
    } catch (error) {
      // terminus answers a down check with a 503 carrying the result.
      if (error instanceof ServiceUnavailableException)
        this.log.observe(name, error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}
