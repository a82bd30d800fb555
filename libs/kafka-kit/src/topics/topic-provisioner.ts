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
    const names = create.map((d) => `${d.topic} (${d.partitions ?? 1} partitions)`).join(', ');
    if (await admin.createTopics(create)) {
      logger.log(`created ${names}`);
    } else {
      // Instances starting together race to create; whoever won, the result must match ours.
      planTopicChanges(create, await admin.partitionCounts(create.map((d) => d.topic)), false);
      logger.log(`ensured ${names} (another instance created some of them first)`);
    }
  }
  for (const { topic, from, to } of increase) {
    await admin.increasePartitions(topic, to);
    logger.warn(`increased ${topic} from ${from} to ${to} partitions; keys now map to other partitions`);
  }
}
