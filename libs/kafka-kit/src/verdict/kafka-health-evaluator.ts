import { Inject, Injectable } from '@nestjs/common';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import type { GroupLag } from '../lag/lag-sample.js';
import { LagSampler } from '../lag/lag-sampler.service.js';
import {
  evaluateHealth,
  judgedGroupLag,
  type HealthEvaluation,
  type HealthEvaluationOptions,
} from './health-evaluation.js';

/** Injection token of the evaluation's thresholds and limits. */
export const HEALTH_EVALUATION_OPTIONS = Symbol('HEALTH_EVALUATION_OPTIONS');

/**
 * Judges every group once per call from the lag sampler's last snapshot and the consumers'
 * in-process state; the health indicators, Burrow's /v3, the lag-status metric and the dashboard
 * all read it, so they give one verdict. In-process only: evaluating never calls the broker.
 */
@Injectable()
export class KafkaHealthEvaluator {
  /** @internal Nest injects the evaluator; it is not constructed by hand. */
  constructor(
    private readonly sampler: LagSampler,
    private readonly consumers: ConsumerStateService,
    @Inject(HEALTH_EVALUATION_OPTIONS) private readonly options: HealthEvaluationOptions,
  ) {}

  /** The evaluation of every group now, from the last lag sample and the consumers' state; no broker call. */
  evaluate(now = Date.now()): HealthEvaluation {
    return evaluateHealth(this.sampler.snapshot(), this.consumers.all(), now, this.options);
  }

  /** One sampled group with its judged statuses, or undefined when it is not sampled. */
  group(groupId: string, evaluation = this.evaluate()): GroupLag | undefined {
    const sampled = this.sampler.group(groupId);
    return (
      sampled &&
      judgedGroupLag(
        sampled,
        evaluation.lag.groups.find((g) => g.groupId === groupId),
      )
    );
  }
}
