import { Logger } from '@nestjs/common';
import type { AdminClient } from '../client/admin-client.js';
import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';
import { planTopicChanges } from './plan-topic-changes.js';

/** Creates missing declared topics and applies allowed partition increases, at startup. */
export async function provisionTopics(
  admin: AdminClient,
  declarations: TopicDeclaration[],
  allowPartitionIncrease: boolean,
): Promise<void> {
  if (declarations.length === 0) return;
  const logger = new Logger('KafkaTopics');
  const existing = await admin.partitionCounts([...new Set(declarations.map((d) => d.topic))]);
  const { create, increase } = planTopicChanges(declarations, existing, allowPartitionIncrease);
  if (create.length > 0) {
    await admin.createTopics(create);
    logger.log(`created ${create.map((d) => `${d.topic} (${d.partitions ?? 1} partitions)`).join(', ')}`);
  }
  for (const { topic, from, to } of increase) {
    await admin.increasePartitions(topic, to);
    logger.warn(`increased ${topic} from ${from} to ${to} partitions; keys now map to other partitions`);
  }
}
