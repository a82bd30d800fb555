import type { Consumer } from '@platformatic/kafka';
import { RestartBackoff } from '../restart-backoff.js';
import type { PlatformaticKafka } from './load-platformatic.js';

/** Who hears of a hold. */
export interface MissingTopicsListener {
  /** Some subscribed topics are missing: fetching waits with back-off. */
  missing(error: unknown, topics: string[]): void;
  /** A fetch error that looked like a missing topic, but every topic exists. */
  other(error: unknown): void;
  /** The topics told missing are back: fetching goes on. */
  back(): void;
}

/**
 * @platformatic/kafka answers a metadata request naming a topic the cluster lacks with a UserError
 * "Unknown topic <name>." (the broker's UNKNOWN_TOPIC_OR_PARTITION is not kept on it), and every
 * fetch round asks that metadata first: with a subscribed topic deleted, the consumer crashed at
 * each 100 ms tick. Fetching is held instead, 0.5 s doubled up to 10 s between rounds.
 */
export class MissingTopicsHold {
  private readonly backoff = new RestartBackoff();
  private heldUntil = 0;
  private told = false;

  constructor(
    private readonly kafka: PlatformaticKafka,
    private readonly consumer: Consumer,
    private readonly listener: MissingTopicsListener,
  ) {}

  /** Fetching waits while true. */
  get holding(): boolean {
    return Date.now() < this.heldUntil;
  }

  /** True when `error` is a missing topic: fetching is held, and the missing topics told. */
  holds(error: unknown, topics: readonly string[]): boolean {
    if (!this.unknownTopic(error)) return false;
    // Fetch rounds started together fail together: one hold, one look at the topics, one report.
    if (this.heldUntil === Infinity) return true;
    this.heldUntil = Infinity;
    void this.missing(topics).then((missing) => {
      this.heldUntil = missing.length > 0 ? Date.now() + this.backoff.next() : 0;
      this.told ||= missing.length > 0;
      if (missing.length > 0) this.listener.missing(error, missing);
      else this.listener.other(error);
    });
    return true;
  }

  /** A fetch round's metadata answered: a hold told is over. */
  answered(): void {
    if (!this.told) return;
    this.told = false;
    this.backoff.reset();
    this.listener.back();
  }

  /** Each topic asked alone: a request naming a missing one fails as a whole. */
  private async missing(topics: readonly string[]): Promise<string[]> {
    this.consumer.clearMetadata();
    const looks = await Promise.all(
      topics.map((topic) =>
        this.consumer.metadata({ topics: [topic] }).then(
          () => undefined,
          (e: unknown) => (this.unknownTopic(e) ? topic : undefined),
        ),
      ),
    );
    return looks.filter((t): t is string => t !== undefined);
  }

  private unknownTopic(error: unknown): boolean {
    const userError = this.kafka.findErrorBy(error as Error, 'code', this.kafka.UserError.code);
    return userError?.message.startsWith('Unknown topic ') === true;
  }
}
