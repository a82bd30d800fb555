import type { GroupDescription } from '../client/admin-client.js';
import type { PartitionOwner } from './lag-sample.js';

/**
 * Each partition's owner (`topic:partition` -> member) from a group's description. A Dead
 * group's last description may still list members that are gone: none then.
 */
export const partitionOwners = (description: GroupDescription | undefined): Map<string, PartitionOwner> =>
  new Map(
    description && description.state !== 'Dead'
      ? description.assignments.flatMap(({ memberId, clientId, host, partitions }) =>
          Object.entries(partitions ?? {}).flatMap(([topic, ids]) =>
            ids.map((p): [string, PartitionOwner] => [`${topic}:${p}`, { memberId, clientId, host }]),
          ),
        )
      : [],
  );
