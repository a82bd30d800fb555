// The targets of issue 15, judged from the bench's medians (never in tests: a shared machine's
// timings cannot fail a build).
import { LISTENER, RAW_EACH_BATCH } from '../scenarios/consume-trivial.js';
import { NO_POISON, ONE_PERCENT_POISON } from '../scenarios/failures.js';
import { IO_EVENT_PATTERN, KEY_LEVEL, PARTITION_LEVEL } from '../scenarios/io-bound.js';
import { LINGER_TO_LISTENER } from '../scenarios/latency.js';
import {
  JAVA_TUNED,
  KAFKA_PRODUCER,
  KAFKA_PRODUCER_PLATFORMATIC,
  RAW_1000_BATCHES,
  produceScenarioId,
} from '../scenarios/produce.js';
import type { Row, ScenarioResult } from '../side-by-side.js';

export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

type Figure = 'recordsPerSecond' | 'cpuUsPerRecord' | 'latencyP99Ms';
/** A contender's row: [scenario id, contender name]. */
type RowRef = [string, string];

interface RatioTarget {
  target: string;
  figure: Figure;
  of: RowRef;
  to: RowRef;
  atLeast?: number;
  atMost?: number;
}

export function checkTargets(results: ScenarioResult[]): TargetCheck[] {
  const find = ([scenario, name]: RowRef): Row | undefined =>
    results.find((r) => r.id === scenario)?.rows.find((row) => row.name === name);
  const unmeasured = (target: string, ...refs: RowRef[]): TargetCheck => ({
    target,
    measured: refs.map((ref) => find(ref)?.unavailable).find(Boolean) ?? 'not run',
    met: undefined,
  });

  function ratio({ target, figure, of, to, atLeast, atMost }: RatioTarget): TargetCheck {
    const x = find(of)?.[figure]?.median;
    const y = find(to)?.[figure]?.median;
    if (x === undefined || y === undefined) return unmeasured(target, of, to);
    const r = x / y;
    return {
      target,
      measured: `${r.toFixed(2)}x`,
      met: (atLeast ?? -Infinity) <= r && r <= (atMost ?? Infinity),
    };
  }

  const size = (bytes: number) => (bytes === 1024 ? '1 KiB' : `${bytes} B`);

  function producer(bytes: number, acks: 1 | 'all'): TargetCheck {
    const id = produceScenarioId({ bytes, acks });
    return ratio({
      target: `KafkaProducer >= 1.0x raw kafkajs 1000-record batches, ${size(bytes)} acks=${acks} (records/s)`,
      figure: 'recordsPerSecond',
      of: [id, KAFKA_PRODUCER],
      to: [id, RAW_1000_BATCHES],
      atLeast: 1.0,
    });
  }

  /** The target for the second client (the platformatic driver), in the same scenario run. */
  function secondClient(bytes: number, acks: 1 | 'all'): TargetCheck {
    const id = produceScenarioId({ bytes, acks });
    return ratio({
      target: `with the second client, KafkaProducer >= 0.9x tuned Java ProducerPerformance on the same broker, ${size(bytes)} acks=${acks} (records/s)`,
      figure: 'recordsPerSecond',
      of: [id, KAFKA_PRODUCER_PLATFORMATIC],
      to: [id, JAVA_TUNED],
      atLeast: 0.9,
    });
  }

  function latency(): TargetCheck {
    const target = 'p99 end-to-end latency <= 20 ms at 2,000 records/s, lingerMs 5';
    const p99 = find(['latency', LINGER_TO_LISTENER])?.latencyP99Ms?.median;
    if (p99 === undefined) return unmeasured(target, ['latency', LINGER_TO_LISTENER]);
    return { target, measured: `${p99.toFixed(1)} ms`, met: p99 <= 20 };
  }

  return [
    ratio({
      target: '@KafkaListener CPU/record <= 1.05x raw eachBatch (trivial handler)',
      figure: 'cpuUsPerRecord',
      of: ['consume', LISTENER],
      to: ['consume', RAW_EACH_BATCH],
      atMost: 1.05,
    }),
    ratio({
      target: 'I/O-bound: key-level (max 64) >= 10x @EventPattern (records/s)',
      figure: 'recordsPerSecond',
      of: ['io', KEY_LEVEL],
      to: ['io', IO_EVENT_PATTERN],
      atLeast: 10,
    }),
    ratio({
      target: 'I/O-bound: key-level (max 64) >= 5x partition-level (records/s)',
      figure: 'recordsPerSecond',
      of: ['io', KEY_LEVEL],
      to: ['io', PARTITION_LEVEL],
      atLeast: 5,
    }),
    ratio({
      target: '1% poison to the DLQ >= 0.9x the throughput of 0%',
      figure: 'recordsPerSecond',
      of: ['failures', ONE_PERCENT_POISON],
      to: ['failures', NO_POISON],
      atLeast: 0.9,
    }),
    latency(),
    producer(256, 1),
    producer(256, 'all'),
    producer(1024, 1),
    producer(1024, 'all'),
    secondClient(256, 1),
    secondClient(256, 'all'),
    secondClient(1024, 1),
    secondClient(1024, 'all'),
  ];
}
