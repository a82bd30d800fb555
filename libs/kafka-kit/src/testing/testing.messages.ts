export function noListenerFor(topic: string): string {
  return `no @KafkaListener handles topic "${topic}" in the harness's module (nor is it a retry topic of one)`;
}
