import type { DlqTopicNaming } from '../interfaces/error-handling-options.interface.js';

export function dlqTopicName(topic: string, naming: DlqTopicNaming | undefined): string {
  if (typeof naming === 'function') return naming(topic);
  return naming ?? `${topic}.dlq`;
}

export function retryTopicName(topic: string, attempt: number, suffix = '.retry.'): string {
  return `${topic}${suffix}${attempt}`;
}

/** The retry topics of `topic`, in attempt order: one per retry. */
export function retryTopicNames(topic: string, retries: number, suffix?: string): string[] {
  return Array.from({ length: retries }, (_, i) => retryTopicName(topic, i + 1, suffix));
}
