import { Logger } from '@nestjs/common';
import type { PlatformaticKafka } from './load-platformatic.js';
import { answered } from './platformatic-errors.js';
import { memberDropped } from './platformatic.messages.js';

const FENCED_MEMBER_EPOCH = 110;

/**
 * A heartbeat answered UNKNOWN_MEMBER_ID: the broker removed this member, its session having expired
 * while the process did not run (a long pause, a stopped VM). The Java client then gives up its
 * partitions and rejoins as a new member; @platformatic/kafka 2.12 retries the same heartbeat
 * forever, and the member never consumes again. So the answer is handed on as FENCED_MEMBER_EPOCH,
 * on which the library does exactly that (no partitions, epoch 0, a new join). It is told once per
 * drop (`told`): heartbeats in flight meanwhile get the same answer.
 */
export class DroppedMember {
  private told = false;

  constructor(
    private readonly kafka: PlatformaticKafka,
    private readonly groupId: string,
    private readonly logger: Pick<Logger, 'warn'> = new Logger('Kafka'),
  ) {}

  /** The heartbeat's answer, rewritten when it says the member was dropped; a success ends the drop. */
  answered(error: unknown): unknown {
    if (!error) {
      this.told = false;
      return error;
    }
    const response = (error as { response?: { errorCode?: number } }).response;
    if (!response || !answered(this.kafka, error, 'UNKNOWN_MEMBER_ID')) return error;
    if (!this.told) this.logger.warn(memberDropped(this.groupId));
    this.told = true;
    response.errorCode = FENCED_MEMBER_EPOCH;
    return error;
  }
}
