import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Subject, type Observable } from 'rxjs';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { LagSampler } from '../lag/lag-sampler.service.js';
import { KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { dashboardNeedsHealthModule } from './dashboard.messages.js';
import { KAFKA_DASHBOARD_OPTIONS, type ResolvedDashboardOptions } from './dashboard.options.js';
import type { DashboardInputs } from './dashboard-view.js';
import { FailureTopicsWatcher } from './failure-topics.watcher.js';
import { LagHistory } from './lag-history.js';

/**
 * The dashboard's one reader of the app's state. Every `pushIntervalMs` (and on every consumer
 * state change) it takes the lag sampler's last snapshot into the chart history and tells the
 * open pages to refresh; pages read from here, never from the broker. It reuses the sampler of
 * KafkaHealthModule, so the dashboard adds no lag requests of its own.
 */
@Injectable()
export class DashboardState implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly history: LagHistory;
  private readonly ticks = new Subject<void>();
  private sampler!: LagSampler;
  private evaluator!: KafkaHealthEvaluator;
  private timer?: NodeJS.Timeout;
  private lastFailureLook = 0;
  private readonly onChange = () => this.ticks.next();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly consumers: ConsumerStateService,
    private readonly failureTopics: FailureTopicsWatcher,
    @Inject(KAFKA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {
    this.history = new LagHistory(options.historyMs);
  }

  onApplicationBootstrap(): void {
    try {
      this.sampler = this.moduleRef.get(LagSampler, { strict: false });
      this.evaluator = this.moduleRef.get(KafkaHealthEvaluator, { strict: false });
    } catch {
      throw new Error(dashboardNeedsHealthModule());
    }
    this.consumers.on('change', this.onChange);
    this.timer = setInterval(() => this.tick(), this.options.pushIntervalMs);
    this.timer.unref();
    this.tick();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
    this.consumers.off('change', this.onChange);
    this.ticks.complete();
  }

  /** Emits whenever the pages should render again. */
  get updates(): Observable<void> {
    return this.ticks.asObservable();
  }

  /** This moment's state, for the views. */
  inputs(): DashboardInputs {
    // The verdicts are the health evaluation's: the page says what /health and /v3 say.
    const evaluation = this.evaluator.evaluate();
    return {
      sampled: this.sampler.snapshot().groups,
      verdicts: evaluation.lag.groups,
      consumers: evaluation.consumers,
      history: this.history,
    };
  }

  /** When the lag sampler last sampled (epoch ms, 0 before the first sample). */
  sampledAt(): number {
    return this.sampler.snapshot().sampledAt;
  }

  private tick(): void {
    const snapshot = this.sampler.snapshot();
    for (const group of snapshot.groups) this.history.record(group);
    const now = Date.now();
    if (snapshot.sampledAt > 0 && now - this.lastFailureLook >= this.options.failureTopicsIntervalMs) {
      this.lastFailureLook = now;
      void this.failureTopics.look(snapshot).then(() => this.ticks.next());
    }
    this.ticks.next();
  }
}
