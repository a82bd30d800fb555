import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaDashboardModule } from '../dashboard/kafka-dashboard.module.js';
import { KafkaHealthModule } from '../health/kafka-health.module.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { KafkaModule } from '../module/kafka.module.js';

/** What `nest-kafka-kit dashboard` was asked to watch, and where to listen. */
export interface DashboardCommand {
  brokers: string;
  /** TLS and SASL, from the environment (see securityFromEnv). */
  security?: Pick<KafkaModuleOptions, 'ssl' | 'sasl'>;
  /** Groups of other applications, watched Burrow-style from their committed offsets. */
  groups: string[];
  /** @default 3900 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Lag sampling interval. @default 5000 */
  intervalMs: number;
  /**
   * The Kafka client it reads with. `'platformatic'` sees the members of KIP-848 groups (through
   * ConsumerGroupDescribe), which kafkajs' classic DescribeGroups answers `Dead`. @default 'kafkajs'
   */
  driver?: KafkaModuleOptions['driver'];
}

@Module({})
class StandaloneDashboardModule {
  static of(command: DashboardCommand): DynamicModule {
    return {
      module: StandaloneDashboardModule,
      imports: [
        KafkaModule.forRoot({
          brokers: command.brokers,
          ...command.security,
          ...(command.driver ? { driver: command.driver } : {}),
          clientId: 'nest-kafka-kit-dashboard',
          logLevel: 'nothing',
        }),
        // Only the listed groups: this process consumes nothing, it reads committed offsets.
        KafkaHealthModule.forRoot({
          lag: { ownGroups: false, groups: command.groups, intervalMs: command.intervalMs },
          metricsEndpoint: false,
        }),
        // No guard: read-only. Retry and skip act on a consumer in its own process, and a
        // replay needs someone accountable, so both stay with the apps that mount the module.
        KafkaDashboardModule.forRoot({ path: '' }),
      ],
    };
  }
}

/** A running standalone dashboard. */
export interface StandaloneDashboard {
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}

/** Starts the standalone dashboard: KafkaModule, the lag sampler and the read-only pages. */
export async function startStandaloneDashboard(command: DashboardCommand): Promise<StandaloneDashboard> {
  const app = await NestFactory.create(StandaloneDashboardModule.of(command), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(command.port, command.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  return { url: `${url}/`, app, close: () => app.close() };
}
