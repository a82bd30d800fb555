import { SerialCommits } from '../serial-commits.js';

/**
 * The offset commits of one consumer, one at a time and in order, each of what its partitions
 * processed (`commitAll`). A batch's end starts one without waiting, as the kafkajs driver does, so
 * the partition is fetched again during the commit's round trip rather than after it; stop, rejoin
 * and a handler's own commit await theirs.
 */
export class SlotCommits {
  private readonly serial = new SerialCommits();

  constructor(private readonly commitAll: () => Promise<void>) {}

  /** Commits what was processed, after the commits before it. */
  now(): Promise<void> {
    return this.serial.now(this.commitAll);
  }

  /** Starts a commit without waiting; its failure is thrown by the next `rethrow()`. */
  later(): void {
    this.serial.later(this.commitAll);
  }

  rethrow(): void {
    this.serial.rethrow();
  }
}
