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
import { FailureTopicsWatcher, type FailureTopicsView } from './failure-topics.watcher.js';
import { LagHistory } from './lag-history.js';

/**
 * The dashboard's one reader of the app's state. Every `pushIntervalMs` (and on every consumer
 * state change) it takes the lag sampler's last snapshot into the chart history and tells the
 * open pages to refresh; pages read from here, never from the broker. It reuses the sampler of
 * KafkaHealthModule, so the dashboard adds no lag requests of its own. The failure topics (a
 * look costs requests per DLQ topic of the cluster) are looked at only while a DLQ or retry page
 * is open, once per `failureTopicsIntervalMs` however many are: an app nobody watches pays
 * nothing for them.
 */
@Injectable()
export class DashboardState implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly history: LagHistory;
  private readonly ticks = new Subject<void>();
  private sampler!: LagSampler;
  private evaluator!: KafkaHealthEvaluator;
  private timer?: NodeJS.Timeout;
  private lastFailureLook = 0;
  private failureTopicViewers = 0;
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

  /**
   * Counts a live DLQ or retry page until the returned function is called (when its stream
   * closes); while one is counted, the failure topics are looked at every interval.
   */
  watchFailureTopics(): () => void {
    this.failureTopicViewers++;
    let released = false;
    return () => {
      if (!released) this.failureTopicViewers--;
      released = true;
    };
  }

  /**
   * The last look at the failure topics, looking first when it is older than the interval: a
   * page is rendered before its stream opens, and nothing looks while no stream is open.
   */
  async failureTopicsView(): Promise<FailureTopicsView> {
    if (Date.now() - this.failureTopics.view().lookedAt >= this.options.failureTopicsIntervalMs) {
      this.lastFailureLook = Date.now();
      await this.failureTopics.look(this.sampler.snapshot());
    }
    return this.failureTopics.view();
  }

  private tick(): void {
    const snapshot = this.sampler.snapshot();
    for (const group of snapshot.groups) this.history.record(group);
    const now = Date.now();
    if (
      this.failureTopicViewers > 0 &&
      snapshot.sampledAt > 0 &&
      now - this.lastFailureLook >= this.options.failureTopicsIntervalMs
    ) {
      this.lastFailureLook = now;
      void this.failureTopics.look(snapshot).then(() => this.ticks.next());
    }
    this.ticks.next();
  }
}
