import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { KafkaBrokerHealthIndicator } from './kafka-broker.health-indicator.js';
import { KafkaConsumerLivenessIndicator } from './kafka-consumer-liveness.health-indicator.js';
import { KafkaConsumerReadinessIndicator } from './kafka-consumer-readiness.health-indicator.js';
import { KafkaLagHealthIndicator } from './kafka-lag.health-indicator.js';

/**
 * GET /health/live: the consumers make progress (no broker call: an outage must not restart
 * pods). GET /health/ready: consumers joined and the broker reachable. GET /health: all of it
 * with lag. 503 when a check is down; 200 with status "degraded" on a lag warning.
 */
@Controller('health')
export class KafkaHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly broker: KafkaBrokerHealthIndicator,
    private readonly readiness: KafkaConsumerReadinessIndicator,
    private readonly liveness: KafkaConsumerLivenessIndicator,
    private readonly lag: KafkaLagHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([() => this.liveness.isAlive()]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.readiness.isReady(), () => this.broker.isHealthy()]);
  }

  @Get()
  @HealthCheck()
  all(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.broker.isHealthy(),
      () => this.readiness.isReady(),
      () => this.liveness.isAlive(),
      () => this.lag.check(),
    ]);
  }
}
