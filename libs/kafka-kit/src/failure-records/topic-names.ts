import type { DlqTopicNaming } from '../interfaces/error-handling-options.interface.js';

export function dlqTopicName(topic: string, naming: DlqTopicNaming | undefined): string {
  if (typeof naming === 'function') return naming(topic);
  return naming ?? `${topic}.dlq`;
}

export function retryTopicName(topic: string, attempt: number, suffix = '.retry.'): string {
  return `${topic}${suffix}${attempt}`;
}
