// The traffic itself: at `rate` events per second, 80% clicks (POST to the collector), 10%
// enrollments and 10% CDC changes (to Kafka through the library's KafkaProducer), of which a
// `poison` share is poison. Counting, not dice: the n-th event is poison when the running share
// crosses a whole number, so the counts are exact and the same on every run.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { KafkaModule, KafkaProducer } from 'nest-kafka-kit';
import { postJson } from './http-client.mjs';
import { countPoison, countRefusal, createLedger } from './ledger.mjs';
import { DLQ_POISON, cdcChange, cdcUnknownStatus, click, enrollment } from './records.mjs';

const TICK_MS = 100;
const DLQ_KINDS = Object.keys(DLQ_POISON);

/**
 * Starts sending. `cdcPoison`: whether the poison mix includes CDC changes with an unknown status
 * (each stops its partition until an operator skips it; the demo sends one on its own timeline
 * through `sendCdcPoison()` instead). `prefix`: the apps' KAFKA_NAME_PREFIX, put in front of every
 * topic the traffic writes to (the collector applies its own to the clicks it writes).
 */
export async function startTraffic({
  brokers,
  collectorUrl,
  rate = 100,
  poison = 0.01,
  cdcPoison = true,
  prefix = '',
}) {
  const app = await NestFactory.createApplicationContext(
    KafkaModule.forRoot({ brokers, clientId: 'traffic', producer: { acks: 'all', lingerMs: 5 } }),
    { logger: ['error', 'warn'] },
  );
  const kafka = app.get(KafkaProducer);
  const producer = { send: (topic, records) => kafka.send(`${prefix}${topic}`, records) };
  const ledger = createLedger();
  const kinds = cdcPoison ? [...DLQ_KINDS, 'cdc-unknown-status'] : DLQ_KINDS;
  let n = 0;
  let poisonShare = 0;
  let running = true;

  async function postClick(i) {
    let answer;
    try {
      const status = await postJson(`${collectorUrl}/clicks`, click(i));
      answer = status === 202 ? 'accepted' : `HTTP ${status}`;
    } catch (err) {
      answer = err.code ?? err.message;
    }
    if (answer === 'accepted') ledger.clicks.accepted++;
    else countRefusal(ledger, answer);
  }

  async function sendPoison(i) {
    const kind = kinds[Math.floor(poisonShare) % kinds.length];
    if (kind === 'cdc-unknown-status') {
      await producer.send(cdcUnknownStatus(i).topic, cdcUnknownStatus(i));
      ledger.cdc.unknownStatus++;
      return;
    }
    const { topic, key, value } = DLQ_POISON[kind](i);
    await producer.send(topic, { key, value });
    countPoison(ledger, kind);
  }

  async function sendOne(i) {
    const before = Math.floor(poisonShare);
    poisonShare += poison;
    if (Math.floor(poisonShare) > before) return sendPoison(i);
    const slot = i % 10;
    if (slot < 8) return postClick(i);
    if (slot === 8) {
      const { topic, key, value, tutors } = enrollment(i);
      await producer.send(topic, { key, value });
      ledger.enrollments.valid++;
      ledger.enrollments.expectedNotifications += tutors;
      return;
    }
    const { topic, key, value } = cdcChange(i);
    await producer.send(topic, { key, value });
    ledger.cdc.valid++;
  }

  // One tick at a time: when the apps slow down, the traffic does too (never an unbounded backlog).
  const loop = (async () => {
    let budget = 0;
    let last = Date.now();
    while (running) {
      const now = Date.now();
      budget += ((now - last) / 1000) * rate;
      last = now;
      const count = Math.floor(budget);
      budget -= count;
      await Promise.all(Array.from({ length: count }, () => sendOne(n++)));
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - now))));
    }
  })();

  return {
    ledger,
    /** Events sent so far (poison included). */
    sent: () => n,
    /** Sends one CDC change the read model cannot apply; returns where it went. */
    async sendCdcPoison() {
      const record = cdcUnknownStatus(n++);
      const [meta] = await producer.send(record.topic, [{ key: record.key, value: record.value }]);
      ledger.cdc.unknownStatus++;
      return { ...record, topic: `${prefix}${record.topic}`, partition: meta.partition, offset: meta.offset };
    },
    /** Sends one enrollment in a course nobody tutors (the original incident's record); returns where it went. */
    async sendNoTutorEnrollment() {
      const { topic, key, value } = DLQ_POISON['enrollment-no-tutors'](n++);
      const [meta] = await producer.send(topic, [{ key, value }]);
      countPoison(ledger, 'enrollment-no-tutors');
      return { topic: `${prefix}${topic}`, key, value, partition: meta.partition, offset: meta.offset };
    },
    /** Stops sending, waits for what is in flight, closes the producer. */
    async stop() {
      running = false;
      await loop;
      ledger.endedAt = new Date().toISOString();
      await app.close();
    },
  };
}
