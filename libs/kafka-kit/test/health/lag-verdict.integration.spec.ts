import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, KafkaProducer, Payload } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../support.js';
import { gate, startHealthApp, type HealthApp } from './health-app.js';

interface LagDetail {
  status: string;
  groups?: {
    groupId: string;
    status: string;
    totalLag: number;
    partitions: {
      status: string;
      lag: number | null;
      timeLagSeconds: number | null;
      positionLag: string | null;
      signal?: string;
    }[];
  }[];
}

describe('lag verdicts on a real broker', () => {
  let app: HealthApp | undefined;
  let producing = false;
  afterEach(async () => {
    producing = false;
    await app?.close();
    app = undefined;
  });

  it('degrades while lag grows (WARN), goes down when commits stop (STOP), recovers to OK', async () => {
    const topic = uniqueName('lagging');
    const groupId = uniqueName('lagging-group');
    const hold = gate();
    const mode = { slow: true, block: false };
    let handled = 0;

    @Injectable()
    // Small fetches make small batches, and kafkajs commits after each batch: the commit moves
    // a little every few hundred milliseconds, like a steady consumer that is just too slow.
    @KafkaConsumer({ groupId, fromBeginning: true, maxBytesPerPartition: 512 })
    class Slow {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() _job: { n: number }) {
        if (mode.block) await hold.promise;
        else if (mode.slow) await new Promise((r) => setTimeout(r, 20)); // the "work" of a slow handler
        handled++;
      }
    }

    // The stuck-handler signal is set far off so that only Burrow's window rules decide here.
    app = await startHealthApp([Slow], { stuckHandlerMs: 600_000, lag: { intervalMs: 400 } });
    const producer = app.app.get(KafkaProducer);
    const lagCheck = async () => {
      const res = await app!.get('/health');
      return { status: res.status, lag: res.health.details.kafka_lag as LagDetail };
    };

    // Producing faster than the handler can go: a few records at a time, without pause.
    producing = true;
    let produced = 0;
    const producerLoop = (async () => {
      while (producing) {
        await producer.send(
          topic,
          Array.from({ length: 5 }, () => ({ value: { n: produced++ } })),
        );
      }
    })();

    const warn = await waitFor(
      'a WARN verdict (lag never decreasing) while the consumer falls behind',
      async () => {
        const r = await lagCheck();
        return r.lag.groups?.[0]?.status === 'WARN' && r;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(warn.status).toBe(200);
    expect(warn.lag.status).toBe('degraded');
    expect(handled).toBeGreaterThan(0);
    // Beside the committed-offset lag: what the consumer saw in its own last batch.
    expect(warn.lag.groups![0]!.partitions[0]!.positionLag).toMatch(/^\d+$/);
    const burrow = await app.get(`/v3/kafka/local/consumer/${groupId}/status`);
    expect(JSON.parse(burrow.text)).toMatchObject({ error: false, status: { group: groupId } });

    // The handler now hangs: no more commits while the log keeps growing.
    mode.block = true;
    const stopped = await waitFor(
      'an ERR verdict (STOP: no commit for longer than the window spans)',
      async () => {
        const r = await lagCheck();
        return r.lag.groups?.[0]?.status === 'ERR' && r;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(stopped.status).toBe(503);
    expect(stopped.lag.status).toBe('down');
    expect(stopped.lag.groups![0]!.partitions[0]).toMatchObject({ status: 'STOP' });
    expect(stopped.lag.groups![0]!.partitions[0]!.signal).toBeUndefined();
    expect(stopped.lag.groups![0]!.partitions[0]!.timeLagSeconds).toBeGreaterThan(0);

    // Recovery: traffic stops, the handler is fast again and catches up.
    producing = false;
    await producerLoop;
    mode.slow = false;
    mode.block = false;
    hold.open();
    const ok = await waitFor(
      'OK again at zero lag',
      async () => {
        const r = await lagCheck();
        return r.lag.groups?.[0]?.status === 'OK' && r.lag.groups[0].totalLag === 0 && r;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(ok.status).toBe(200);
    expect(ok.lag.status).toBe('up');
    expect(handled).toBe(produced);

    const metrics = await app.get('/metrics');
    const line = (name: string) =>
      new RegExp(`^${name}\\{[^}]*consumergroup="${groupId}"[^}]*\\} (\\S+)$`, 'm');
    expect(metrics.text).toMatch(line('kafka_consumergroup_lag'));
    expect(metrics.text.match(line('kafka_consumergroup_lag'))![1]).toBe('0');
    expect(metrics.text.match(line('kafka_consumergroup_current_offset'))![1]).toBe(String(produced));
    expect(metrics.text.match(line('kafka_consumergroup_lag_sum'))![1]).toBe('0');
    expect(metrics.text.match(line('kafka_consumergroup_members'))![1]).toBe('1');
    expect(metrics.text).toMatch(
      new RegExp(
        `^kafka_topic_partition_current_offset\\{topic="${topic}",partition="0"\\} ${produced}$`,
        'm',
      ),
    );
    expect(metrics.text).toMatch(
      new RegExp(`^kafka_topic_partition_oldest_offset\\{topic="${topic}",partition="0"\\} 0$`, 'm'),
    );
    expect(metrics.text.match(line('kafka_kit_records_consumed_total'))![1]).toBe(String(produced));
    expect(metrics.text).toMatch(new RegExp(`^kafka_kit_records_produced_total ${produced}$`, 'm'));
    expect(metrics.text.match(line('kafka_kit_handler_duration_seconds_count'))![1]).toBe(String(produced));
    expect(metrics.text).toMatch(
      new RegExp(`^kafka_kit_consumer_state\\{consumergroup="${groupId}",state="running"\\} 1$`, 'm'),
    );
    expect(metrics.text).toMatch(line('kafka_kit_consumer_rebalances_total'));
  }, 150_000);
});
