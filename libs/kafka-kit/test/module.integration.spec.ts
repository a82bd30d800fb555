import {
  Injectable,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type INestApplicationContext,
  type NestInterceptor,
  type PipeTransform,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import {
  ConsumerStateService,
  KAFKA_CONTEXT_TYPE,
  KafkaConsumer,
  KafkaListener,
  KafkaModule,
  KafkaProducer,
  Payload,
  Headers,
  Key,
  type ConsumerStateChange,
  type KafkaContext,
  type KafkaModuleOptions,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTopics, kafkaBrokers, startKafkaApp, uniqueName, waitFor } from './support.js';
import { kafkaClientOptions } from '../../../tools/test/kafka-client-options.js';

const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
const admin = kafka.admin();

/** Compiles and boots KafkaModule with `options`; resolves with the startup error, if any. */
async function startupError(
  options: KafkaModuleOptions,
  providers: unknown[] = [],
): Promise<Error | undefined> {
  try {
    const app = await startKafkaApp(providers as never[], options);
    await app.close();
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

describe('KafkaModule', () => {
  let app: INestApplicationContext | undefined;
  beforeAll(() => admin.connect());
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => admin.disconnect());

  describe('bad configuration fails at startup, naming the option', () => {
    it.each<[string, Partial<KafkaModuleOptions>, RegExp]>([
      ['no brokers', { brokers: [] }, /"brokers": at least one broker/],
      ['a broker without a port', { brokers: 'localhost' }, /"brokers": "localhost" is not host:port/],
      [
        'an unknown SASL mechanism',
        { sasl: { mechanism: 'gssapi' as 'plain', username: 'u', password: 'p' } },
        /"sasl.mechanism"/,
      ],
      [
        'a negative linger',
        { producer: { lingerMs: -1 } },
        /"producer.lingerMs": expected a non-negative integer/,
      ],
      [
        'acks 1 with an idempotent producer',
        { producer: { idempotent: true, acks: 1 } },
        /"producer.acks": an idempotent producer needs acks 'all'/,
      ],
      [
        'heartbeat >= session timeout',
        { consumerDefaults: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 6000 } },
        /"consumerDefaults.heartbeatIntervalMs"/,
      ],
    ])('%s', async (_, options, expected) => {
      const error = await startupError({ brokers: kafkaBrokers(), ...options });
      expect(error?.message).toMatch(expected);
    });

    it('never puts a secret into the error message', async () => {
      const error = await startupError({
        brokers: kafkaBrokers(),
        sasl: { mechanism: 'scram-sha-512', username: '', password: 'hunter2-very-secret' },
      });
      expect(error?.message).toMatch(/"sasl.username": is empty/);
      expect(error?.message).not.toContain('hunter2');
    });
  });

  it('forRootAsync takes its options from @nestjs/config', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          ignoreEnvFile: true,
          load: [() => ({ KAFKA_BROKERS: kafkaBrokers().join(',') })],
        }),
        KafkaModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            brokers: config.getOrThrow<string>('KAFKA_BROKERS'),
            logLevel: 'error',
            ...kafkaClientOptions(),
          }),
        }),
      ],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
    const topic = uniqueName('async-config');
    await createTopics(admin, [{ topic }]);
    const [sent] = await app.get(KafkaProducer).send(topic, [{ value: 'configured' }]);
    expect(sent!.offset).toBe('0');
  });

  describe('topic provisioning', () => {
    const listenerOn = (topic: string, partitions: number) => {
      @Injectable()
      @KafkaConsumer({ groupId: uniqueName('provisioning') })
      class ProvisionedListener {
        @KafkaListener(topic, { topic: { partitions, retentionMs: 3_600_000, cleanupPolicy: 'delete' } })
        async handle() {}
      }
      return ProvisionedListener;
    };
    const partitionsOf = async (topic: string) =>
      (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.length;

    it('creates a missing declared topic with its partitions and configs', async () => {
      const topic = uniqueName('declared');
      app = await startKafkaApp([listenerOn(topic, 3)]);
      expect(await partitionsOf(topic)).toBe(3);
      const configs = await admin.describeConfigs({
        resources: [{ type: 2, name: topic, configNames: ['retention.ms'] }],
        includeSynonyms: false,
      });
      expect(configs.resources[0]!.configEntries[0]).toMatchObject({
        configName: 'retention.ms',
        configValue: '3600000',
      });
    });

    it('refuses to shrink a topic, and grows one only when allowed, saying keys move', async () => {
      const topic = uniqueName('existing');
      await createTopics(admin, [{ topic, numPartitions: 3 }]);

      const shrink = await startupError({ brokers: kafkaBrokers() }, [listenerOn(topic, 2)]);
      expect(shrink?.message).toMatch(/has 3 partitions but 2 are declared: Kafka cannot remove partitions/);

      const grow = await startupError({ brokers: kafkaBrokers() }, [listenerOn(topic, 5)]);
      expect(grow?.message).toMatch(/Adding partitions moves keys.*allowPartitionIncrease/s);
      expect(await partitionsOf(topic)).toBe(3);

      app = await startKafkaApp([listenerOn(topic, 5)], { allowPartitionIncrease: true });
      expect(await partitionsOf(topic)).toBe(5);
    });
  });

  it("runs handlers through Nest's guards, interceptors and pipes", async () => {
    const topic = uniqueName('enhanced');
    const events: string[] = [];

    @Injectable()
    class OnlyKafka implements CanActivate {
      canActivate(context: ExecutionContext) {
        events.push(`guard:${context.getType()}`);
        return context.getType<string>() === KAFKA_CONTEXT_TYPE;
      }
    }
    @Injectable()
    class Timing implements NestInterceptor {
      intercept(context: ExecutionContext, next: CallHandler) {
        events.push(`interceptor:${context.switchToRpc().getContext().topic === topic}`);
        return next.handle();
      }
    }
    class Upper implements PipeTransform {
      transform(value: { name: string }) {
        return { name: value.name.toUpperCase() };
      }
    }

    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('enhanced-group'), fromBeginning: true })
    @UseGuards(OnlyKafka)
    @UseInterceptors(Timing)
    class EnhancedListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload(new Upper()) value: { name: string }) {
        events.push(`handler:${value.name}`);
      }
    }

    app = await startKafkaApp([EnhancedListener, OnlyKafka, Timing]);
    await app.get(KafkaProducer).send(topic, { value: { name: 'ada' } });
    await waitFor('the handler to run', () => events.some((e) => e.startsWith('handler')));
    expect(events).toEqual(['guard:kafka', 'interceptor:true', 'handler:ADA']);
  });

  it('hands every parameter decorator its value, and still applies a global guard (APP_GUARD)', async () => {
    const topic = uniqueName('params');
    const calls: unknown[][] = [];
    const guarded: string[] = [];

    @Injectable()
    class GlobalAudit implements CanActivate {
      canActivate(context: ExecutionContext) {
        guarded.push(context.switchToRpc().getContext<KafkaContext>().offset);
        return true;
      }
    }
    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('params-group'), fromBeginning: true })
    class ParamsListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(
        @Headers('trace') trace: string,
        @Key() key: string,
        @Payload() value: { n: number },
        @Headers() all: object,
      ) {
        calls.push([trace, key, value, all]);
      }
    }

    const sendOne = async (a: INestApplicationContext) =>
      a.get(KafkaProducer).send(topic, { key: 'k1', value: { n: 1 }, headers: { trace: 't-1', other: 'o' } });

    app = await startKafkaApp([ParamsListener]);
    await sendOne(app);
    await waitFor('the handler to run', () => calls.length === 1);
    expect(calls[0]).toEqual(['t-1', 'k1', { n: 1 }, { trace: 't-1', other: 'o' }]);
    expect(guarded).toEqual([]);
    await app.close();

    app = await startKafkaApp([ParamsListener, { provide: APP_GUARD, useClass: GlobalAudit }]);
    await sendOne(app);
    await waitFor('the guarded handler to run', () => calls.length === 2);
    expect(guarded).toEqual(['1']);
    expect(calls[1]).toEqual(['t-1', 'k1', { n: 1 }, { trace: 't-1', other: 'o' }]);
  });

  it('reports the consumer state machine as a service and as events', async () => {
    const topic = uniqueName('state');
    const groupId = uniqueName('state-group');
    @Injectable()
    @KafkaConsumer({ groupId })
    class StateListener {
      @KafkaListener(topic, { topic: { partitions: 2 } })
      async handle() {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [KafkaModule.forRoot({ brokers: kafkaBrokers(), logLevel: 'error', ...kafkaClientOptions() })],
      providers: [StateListener],
    }).compile();
    const local = moduleRef.createNestApplication({ logger: false });
    const changes: ConsumerStateChange[] = [];
    local.get(ConsumerStateService).on('change', (c) => changes.push(c));
    await local.init();

    const status = local.get(ConsumerStateService).get(groupId)!;
    expect(status.state).toBe('running');
    expect(status.assignment).toEqual({ [topic]: [0, 1] });
    await local.close();
    expect(local.get(ConsumerStateService).get(groupId)!.state).toBe('stopped');
    expect(changes.map((c) => c.to)).toEqual(expect.arrayContaining(['running', 'stopped']));
    expect(changes[0]).toMatchObject({ groupId, from: 'starting' });
  });
});
