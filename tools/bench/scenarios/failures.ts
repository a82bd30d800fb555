// Failing records: poison to the DLQ and transient failures through a retry topic, against the
// same listener and strategy with no failures.
import type { BenchPayload } from '../bench-kit.js';
import { filledTopic, finishLine } from '../bench-kit.js';
import { MESSAGES } from '../config.js';
import { jsonListenerSample, type ListenerSetup } from '../contenders/kafka-listener.js';
import { sideBySide } from '../side-by-side.js';

export const NO_POISON = '@KafkaListener, dead-letter, 0% poison';
export const ONE_PERCENT_POISON = '@KafkaListener, dead-letter, 1% poison';
/** Short, so the retried records are back while the main topic is still being read. */
const RETRY_DELAY_MS = 100;

class PoisonError extends Error {}
class TransientError extends Error {}

/** Every `every`-th record is poison: its handler throws, so the DLQ gets it. */
const poisonEvery = (every: number) => (click: object) => {
  if ((click as BenchPayload).id % every === 0) throw new PoisonError('poison');
};

/** 1% of the records fail once, then succeed from the retry topic. */
function failingOnce(): (click: object) => void {
  const failed = new Set<number>();
  return (click) => {
    const { id } = click as BenchPayload;
    if (id % 100 === 0 && !failed.has(id)) {
      failed.add(id);
      throw new TransientError('transient');
    }
  };
}

export async function consumeWithFailures() {
  const topic = await filledTopic('bench-failures', 3, MESSAGES);
  const deadLetter: ListenerSetup = { listener: { errorHandling: { strategy: 'dead-letter' } } };
  // A new work function per run: failingOnce() remembers what it failed.
  const run =
    (work: () => (click: object) => void, setup = deadLetter) =>
    () =>
      jsonListenerSample(topic, finishLine(MESSAGES), work(), setup);
  return sideBySide(
    {
      id: 'failures',
      headline: ONE_PERCENT_POISON,
      title: 'Failing records: DLQ and retry topics',
      workload: `${MESSAGES.toLocaleString('en')} records of 1 KiB JSON, 3 partitions; a record counts when its handler returns or throws`,
      notes: [
        `Retry topics: delaysMs [${RETRY_DELAY_MS}]; a retried record counts again when it succeeds, so the window ends at the ${MESSAGES.toLocaleString('en')}th handler call.`,
      ],
    },
    [
      { name: NO_POISON, run: run(() => () => undefined) },
      { name: ONE_PERCENT_POISON, run: run(() => poisonEvery(100)) },
      { name: '@KafkaListener, dead-letter, 10% poison', run: run(() => poisonEvery(10)) },
      {
        name: '@KafkaListener, retry topics, 1% transient failures',
        run: run(failingOnce, {
          listener: { errorHandling: { strategy: 'retry-topics', delaysMs: [RETRY_DELAY_MS] } },
        }),
      },
    ],
  );
}
