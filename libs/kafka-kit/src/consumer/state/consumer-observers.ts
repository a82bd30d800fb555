import { Injectable } from '@nestjs/common';
import type { ConsumerObserver, PartitionActivity } from './consumer-state.js';

/**
 * Who hears of every handled and failed record (metrics, the routing harness). The consumer
 * loop notifies; nothing here keeps state of its own.
 */
@Injectable()
export class ConsumerObservers {
  private readonly observers: ConsumerObserver[] = [];

  /** Registers an observer for the life of the app; it hears of every record of every group. */
  add(observer: ConsumerObserver): void {
    this.observers.push(observer);
  }

  /** Called by the consumer loop: records were handled; tells every observer. */
  handled(activity: PartitionActivity, count: number, durationMs: number): void {
    for (const o of this.observers) o.handled?.(activity, count, durationMs);
  }

  /** Called by the consumer loop: a record failed and its strategy decided; tells every observer. */
  failed(activity: PartitionActivity, strategy: string, verdict: string, error: unknown): void {
    for (const o of this.observers) o.failed?.(activity, strategy, verdict, error);
  }
}
