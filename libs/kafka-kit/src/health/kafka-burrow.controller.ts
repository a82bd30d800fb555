import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { toBurrowConsumerStatus, type BurrowConsumerStatusResponse } from '../lag/burrow-consumer-status.js';
import { KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { KAFKA_HEALTH_OPTIONS } from './kafka-health.module-definition.js';
import { resolveKafkaHealthOptions, type KafkaHealthModuleOptions } from './kafka-health.options.js';

/**
 * Burrow's v3 consumer endpoints over the health evaluation (the same verdicts as /health), so
 * tools written for Burrow can poll the app: GET /v3/kafka/{cluster}/consumer/{group}/status
 * (partitions that are not OK) and /lag (all partitions). An unknown cluster or group is a 404
 * with Burrow's error body.
 */
@Controller('v3/kafka')
export class KafkaBurrowController {
  private readonly cluster: string;

  constructor(
    private readonly evaluator: KafkaHealthEvaluator,
    @Inject(KAFKA_HEALTH_OPTIONS) options: KafkaHealthModuleOptions,
  ) {
    this.cluster = resolveKafkaHealthOptions(options).burrowClusterName;
  }

  @Get(':cluster/consumer/:group/status')
  status(@Param('cluster') cluster: string, @Param('group') group: string): BurrowConsumerStatusResponse {
    return this.render(cluster, group, false);
  }

  @Get(':cluster/consumer/:group/lag')
  lag(@Param('cluster') cluster: string, @Param('group') group: string): BurrowConsumerStatusResponse {
    return this.render(cluster, group, true);
  }

  private render(cluster: string, groupId: string, allPartitions: boolean): BurrowConsumerStatusResponse {
    const group = cluster === this.cluster ? this.evaluator.group(groupId) : undefined;
    const body = toBurrowConsumerStatus(groupId, group, { cluster, allPartitions });
    if (group === undefined) throw new NotFoundException(body);
    return body;
  }
}
