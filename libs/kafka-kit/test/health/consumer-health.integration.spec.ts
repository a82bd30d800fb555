import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, KafkaProducer, Payload } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../support.js';
import { gate, startHealthApp, type HealthApp } from './health-app.js';

interface Job {
  n: number;
  block?: boolean;
  fail?: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('consumer health over HTTP', () => {
  let app: HealthApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('reports a healthy group as up on /health/live, /health/ready and /health', async () => {
    const topic = uniqueName('healthy');
    const handled: number[] = [];

    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('healthy-group'), fromBeginning: true })
    class Healthy {
      @KafkaListener(topic, { topic: { partitions: 2 } })
      async handle(@Payload() job: Job) {
        handled.push(job.n);
      }
    }

    app = await startHealthApp([Healthy], { lag: { intervalMs: 300 } });
    await app.app.get(KafkaProducer).send(topic, [{ value: { n: 1 } }, { value: { n: 2 } }]);
    await waitFor('both records handled', () => handled.length === 2);

    const live = await app.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.health.details.kafka_consumers_live).toMatchObject({ status: 'up' });
    const ready = await app.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.health.details.kafka_consumers_ready).toMatchObject({ status: 'up' });
    expect(ready.health.details.kafka_broker).toMatchObject({ status: 'up', brokers: expect.any(Number) });
    const all = await waitFor('a lag sample with both commits and zero lag', async () => {
      const res = await app!.get('/health');
      const lag = res.health.details.kafka_lag as {
        groups?: { totalLag: number; unknownLagPartitions: number }[];
      };
      return lag.groups?.[0]?.totalLag === 0 && lag.groups[0].unknownLagPartitions === 0 && res;
    });
    expect(all.status).toBe(200);
    expect(all.health.status).toBe('ok');
  });

  it('takes liveness down when a handler blocks past its threshold, and up again when it returns', async () => {
    const topic = uniqueName('stall');
    const groupId = uniqueName('stall-group');
    const stalls: { startedAt: number; release: () => void }[] = [];
    let handled = 0;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Staller {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() job: Job) {
        if (job.block) {
          const g = gate();
          stalls.push({ startedAt: Date.now(), release: g.open });
          await g.promise;
        }
        handled++;
      }
    }

    // The default threshold (5 s): what the measurement in the report is about.
    app = await startHealthApp([Staller], { lag: { intervalMs: 500 } });
    const producer = app.app.get(KafkaProducer);
    await producer.send(topic, { value: { n: 0 } });
    await waitFor('the warm-up record', () => handled === 1);

    const detection: number[] = [];
    // The library starts its clock before the handler runs (and its first line records
    // startedAt), so the lower bound is taken from before the send: startedAt can trail the
    // library's clock by a few ms, which once read 4998 ms here.
    const sinceSend: number[] = [];
    for (let run = 1; run <= 5; run++) {
      const sentAt = Date.now();
      await producer.send(topic, { value: { n: run, block: true } });
      const stall = await waitFor(`stall ${run} to start`, () => stalls[run - 1]);
      const down = await waitFor(
        `liveness down for stall ${run}`,
        async () => {
          const res = await app!.get('/health/live');
          return res.status === 503 && { res, at: Date.now() };
        },
        { timeoutMs: 15_000, intervalMs: 100 },
      );
      detection.push(down.at - stall.startedAt);
      sinceSend.push(down.at - sentAt);
      expect(down.res.health.details.kafka_consumers_live).toMatchObject({
        status: 'down',
        problems: [
          { groupId, reason: 'stuck-handler', topic, partition: 0, handlingForMs: expect.any(Number) },
        ],
      });
      const [problem] = down.res.health.details.kafka_consumers_live.problems as { handlingForMs: number }[];
      expect(problem.handlingForMs).toBeGreaterThan(5000);
      if (run === 1) {
        // The lag check hears it from the consumer too, without waiting for the commit window.
        const all = await app.get('/health');
        expect(all.status).toBe(503);
        expect(all.health.details.kafka_lag).toMatchObject({
          status: 'down',
          groups: [{ groupId, status: 'ERR', partitions: [{ status: 'STALL', signal: 'stuck-handler' }] }],
        });
      }
      stall.release();
      await waitFor(
        `liveness up after stall ${run}`,
        async () => (await app!.get('/health/live')).status === 200,
      );
    }
    console.log(
      `stall -> /health/live 503 (threshold 5000 ms), ms: ${detection.join(', ')}; median ${median(detection)}`,
    );
    for (const ms of sinceSend) expect(ms).toBeGreaterThanOrEqual(5000);
    for (const ms of detection) expect(ms).toBeLessThan(10_000);
  }, 120_000);

  it('takes liveness down with topic, partition, offset and error when a partition stops on error', async () => {
    const topic = uniqueName('poison');
    const groupId = uniqueName('poison-group');

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Poisoned {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() job: Job) {
        if (job.fail) throw new Error(`cannot handle job ${job.n}`);
      }
    }

    app = await startHealthApp([Poisoned], { lag: { intervalMs: 300 } });
    const sent = await app.app
      .get(KafkaProducer)
      .send(topic, [{ value: { n: 1 } }, { value: { n: 2, fail: true } }]);
    const live = await waitFor('liveness down', async () => {
      const res = await app!.get('/health/live');
      return res.status === 503 && res;
    });
    expect(live.health.details.kafka_consumers_live).toMatchObject({
      status: 'down',
      problems: [
        {
          groupId,
          reason: 'stopped-partition',
          topic,
          partition: 0,
          offset: sent[1]!.offset,
          error: 'Error: cannot handle job 2',
          since: expect.any(Number),
        },
      ],
    });
    // Still joined: readiness stays up (the instance serves its other partitions).
    expect((await app.get('/health/ready')).status).toBe(200);
    // The first record's commit reaches the sampler a sample or two later; until then lag is unknown.
    const all = await waitFor('the lag check to see the stopped partition behind one commit', async () => {
      const res = await app!.get('/health');
      const lag = res.health.details.kafka_lag as { groups?: { totalLag: number }[] } | undefined;
      return lag?.groups?.[0]?.totalLag === 1 && res;
    });
    expect(all.status).toBe(503);
    expect(all.health.details.kafka_lag).toMatchObject({
      groups: [
        {
          groupId,
          status: 'ERR',
          totalLag: 1,
          partitions: [{ status: 'STOP', signal: 'stopped-partition', lag: 1 }],
        },
      ],
    });
  });
});
