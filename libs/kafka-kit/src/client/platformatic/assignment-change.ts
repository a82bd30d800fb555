import type { GroupAssignment } from '@platformatic/kafka';
import { slotKey, type PartitionSlot } from './partition-slots.js';

export interface AssignmentChange {
  revoked: PartitionSlot[];
  added: PartitionSlot[];
  /** The whole new assignment, by topic, partitions sorted. */
  assignment: Record<string, number[]>;
}

/** A stable text of an assignment, to tell a change from the same assignment told again. */
export function assignmentText(assignments: GroupAssignment[]): string {
  return JSON.stringify(assignments.map((a) => [a.topic, [...a.partitions].sort((x, y) => x - y)]).sort());
}

/** Applies a new assignment to `slots`: revoked slots leave, new partitions get fresh slots. */
export function applyAssignment(
  slots: Map<string, PartitionSlot>,
  assignments: GroupAssignment[],
): AssignmentChange {
  const wanted = new Map<string, { topic: string; partition: number }>();
  const assignment: Record<string, number[]> = {};
  for (const a of assignments) {
    assignment[a.topic] = [...a.partitions].sort((x, y) => x - y);
    for (const p of a.partitions) wanted.set(slotKey(a.topic, p), { topic: a.topic, partition: p });
  }
  const revoked = [...slots.values()].filter((s) => !wanted.has(slotKey(s.topic, s.partition)));
  for (const s of revoked) slots.delete(slotKey(s.topic, s.partition));
  const added: PartitionSlot[] = [];
  for (const [k, tp] of wanted) {
    if (slots.has(k)) continue;
    const slot: PartitionSlot = { ...tp, epoch: 0, busy: false };
    slots.set(k, slot);
    added.push(slot);
  }
  return { revoked, added, assignment };
}
