import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { CDC_TOPIC, READ_MODEL_GROUP } from '../enrolled-names.js';
import { EnrollmentChangeDto } from './enrollment-change.dto.js';
import { EnrollmentsReadModel } from './enrollments-read-model.service.js';

/**
 * cdc.enrollments -> the read model. Changes must apply in order and completely, so a record
 * that fails (e.g. a status this code does not know yet) stops its partition, uncommitted: health
 * names it, and an operator retries it after a deploy or skips it (POST /kafka/operator/...).
 */
@Injectable()
@KafkaConsumer({ groupId: READ_MODEL_GROUP, fromBeginning: true })
export class EnrollmentsProjectionListener {
  constructor(private readonly readModel: EnrollmentsReadModel) {}

  @KafkaListener(CDC_TOPIC, { topic: { partitions: 3 }, errorHandling: { strategy: 'stop' } })
  async onChange(@Payload() change: EnrollmentChangeDto): Promise<void> {
    await this.readModel.apply(change);
  }
}
