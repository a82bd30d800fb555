import { slotKey } from './partition-slots.js';

/** Which partitions the application paused, one by one or as whole topics. */
export class PausedPartitions {
  private readonly partitions = new Set<string>();
  private readonly topics = new Set<string>();

  pause(topic: string, partitions: number[]): void {
    for (const p of partitions) this.partitions.add(slotKey(topic, p));
  }

  resume(topic: string, partitions: number[]): void {
    for (const p of partitions) this.partitions.delete(slotKey(topic, p));
  }

  pauseTopics(topics: string[]): void {
    for (const t of topics) this.topics.add(t);
  }

  resumeTopics(topics: string[]): void {
    for (const t of topics) this.topics.delete(t);
  }

  has(topic: string, partition: number): boolean {
    return this.topics.has(topic) || this.partitions.has(slotKey(topic, partition));
  }

  /** By topic: the partitions paused one by one, and the assigned ones of topics paused whole. */
  list(assigned: { topic: string; partition: number }[]): { topic: string; partitions: number[] }[] {
    const byTopic = new Map<string, Set<number>>();
    const add = (topic: string, p: number) => byTopic.set(topic, (byTopic.get(topic) ?? new Set()).add(p));
    for (const { topic, partition } of assigned) if (this.topics.has(topic)) add(topic, partition);
    for (const k of this.partitions) {
      const [topic, p] = k.split('\u0000') as [string, string];
      add(topic, Number(p));
    }
    return [...byTopic].map(([topic, ps]) => ({ topic, partitions: [...ps].sort((a, b) => a - b) }));
  }
}
