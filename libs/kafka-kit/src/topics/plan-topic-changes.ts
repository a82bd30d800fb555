import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';
import { TopicProvisioningError } from '../errors/topic-provisioning.error.js';
import {
  conflictingDeclarations,
  partitionIncreaseNotAllowed,
  partitionsCannotShrink,
} from './topics.messages.js';

export interface TopicChanges {
  create: TopicDeclaration[];
  increase: { topic: string; from: number; to: number }[];
}

/** Merges declarations of the same topic; two different partition counts are a startup error. */
export function mergeDeclarations(declarations: TopicDeclaration[]): TopicDeclaration[] {
  const byTopic = new Map<string, TopicDeclaration>();
  for (const d of declarations) {
    const seen = byTopic.get(d.topic);
    if (
      seen &&
      seen.partitions !== undefined &&
      d.partitions !== undefined &&
      seen.partitions !== d.partitions
    ) {
      throw new TopicProvisioningError(
        d.topic,
        conflictingDeclarations(d.topic, seen.partitions, d.partitions),
      );
    }
    byTopic.set(d.topic, { ...seen, ...d, partitions: d.partitions ?? seen?.partitions });
  }
  return [...byTopic.values()];
}

/**
 * What provisioning must do, given the partition counts of the topics that already exist.
 * Partitions never shrink; they grow only when allowed, because growing moves keys.
 */
export function planTopicChanges(
  declarations: TopicDeclaration[],
  existing: ReadonlyMap<string, number>,
  allowPartitionIncrease: boolean,
): TopicChanges {
  const changes: TopicChanges = { create: [], increase: [] };
  for (const d of mergeDeclarations(declarations)) {
    const current = existing.get(d.topic);
    if (current === undefined) {
      changes.create.push(d);
      continue;
    }
    if (d.partitions === undefined || d.partitions === current) continue;
    if (d.partitions < current) {
      throw new TopicProvisioningError(d.topic, partitionsCannotShrink(d.topic, current, d.partitions));
    }
    if (!allowPartitionIncrease) {
      throw new TopicProvisioningError(d.topic, partitionIncreaseNotAllowed(d.topic, current, d.partitions));
    }
    changes.increase.push({ topic: d.topic, from: current, to: d.partitions });
  }
  return changes;
}
