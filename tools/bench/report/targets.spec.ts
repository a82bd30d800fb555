import { describe, expect, it } from 'vitest';
import { JAVA_TUNED, KAFKA_PRODUCER_PLATFORMATIC, produceScenarioId } from '../scenarios/produce.js';
import type { Row, ScenarioResult } from '../side-by-side.js';
import { checkTargets } from './targets.js';

const rate = (median: number): Row => ({
  name: '',
  runs: 3,
  recordsPerSecond: { median, min: median, max: median },
  cpuUsPerRecord: { median: 5, min: 5, max: 5 },
});

/** The 256 B acks=1 produce scenario with the platformatic producer's row and the tuned Java row. */
const produce256 = (platformatic: Partial<Row>, java: number): ScenarioResult => ({
  id: produceScenarioId({ bytes: 256, acks: 1 }),
  title: 'Produce 256 B, acks=1',
  workload: '',
  headline: KAFKA_PRODUCER_PLATFORMATIC,
  notes: [],
  rows: [
    { ...rate(1000), ...platformatic, name: KAFKA_PRODUCER_PLATFORMATIC },
    { ...rate(java), name: JAVA_TUNED },
  ],
});

const secondClient = (results: ScenarioResult[]) =>
  checkTargets(results).find((t) => t.target.includes('second client') && t.target.includes('256 B acks=1'))!;

describe("checkTargets: issue 15's second-client target", () => {
  it('gives the ratio of the platformatic producer to tuned Java and judges it against 0.9x', () => {
    expect(secondClient([produce256(rate(95), 100)])).toMatchObject({ measured: '0.95x', met: true });
    expect(secondClient([produce256(rate(85), 100)])).toMatchObject({ measured: '0.85x', met: false });
  });

  it('says why when the platformatic producer could not run, judging nothing', () => {
    const reason = "not run: 'platformatic' needs Node.js >= 24.6.0";
    const check = secondClient([produce256({ unavailable: reason, recordsPerSecond: undefined }, 100)]);
    expect(check).toMatchObject({ measured: reason, met: undefined });
  });
});
