import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { CDC_TOPIC, READ_MODEL_GROUP } from '../enrolled-names.js';
import { EnrollmentChangeDto } from './enrollment-change.dto.js';
import { EnrollmentsReadModel } from './enrollments-read-model.service.js';

/**
 * cdc.enrollments -> the read model. Changes must apply in order and completely, so a record
 * that fails (e.g. a status this code does not know yet) stops its partition, uncommitted: health
 * names it, and an operator retries it after a deploy or skips it (POST /kafka/operator/...).
 * A batch listener: the changes before a bad one are applied in one transaction, then the bad
 * one stops the partition; a database error rolls the whole batch back and stops at its first.
 */
@Injectable()
@KafkaConsumer({ groupId: READ_MODEL_GROUP, fromBeginning: true })
export class EnrollmentsProjectionListener {
  constructor(private readonly readModel: EnrollmentsReadModel) {}

  @KafkaListener(CDC_TOPIC, {
    batch: true,
    topic: { partitions: 3 },
    errorHandling: { strategy: 'stop' },
  })
  async onChanges(@Payload(EnrollmentChangeDto) changes: EnrollmentChangeDto[]): Promise<void> {
    await this.readModel.apply(changes);
  }
}
