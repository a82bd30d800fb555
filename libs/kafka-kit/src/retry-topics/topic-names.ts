/** How the failure topics of a source topic are named. */
export interface FailureTopicNaming {
  /** The dead letter topic: a name, or a function of the source topic. @default `${topic}.dlq` */
  dlqTopic?: string | ((topic: string) => string);
  /** Retry topic n is `${topic}${retryTopicSuffix}${n}`. @default '.retry.' */
  retryTopicSuffix?: string;
}

export function dlqTopicName(topic: string, naming: FailureTopicNaming['dlqTopic']): string {
  if (typeof naming === 'function') return naming(topic);
  return naming ?? `${topic}.dlq`;
}

export function retryTopicName(topic: string, attempt: number, suffix = '.retry.'): string {
  return `${topic}${suffix}${attempt}`;
}
