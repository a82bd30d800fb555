import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppDatabaseModule, consumerDefaultsFromEnv, kafkaClientFromEnv } from '@nest-kafka-kit/app-support';
import { KafkaHealthModule, KafkaModule } from 'nest-kafka-kit';
import { ClickCountsService } from './click-counts.service.js';
import { ClickListener } from './click.listener.js';
import { StatsController } from './stats.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    AppDatabaseModule.forRoot({
      app: 'click-aggregator',
      migrations: new URL('../migrations/', import.meta.url),
    }),
    KafkaModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        brokers: config.get<string>('KAFKA_BROKERS', '127.0.0.1:9092'),
        ...kafkaClientFromEnv(),
        clientId: 'click-aggregator',
        consumerDefaults: consumerDefaultsFromEnv(),
      }),
    }),
    KafkaHealthModule.forRoot({}),
  ],
  providers: [ClickCountsService, ClickListener],
  controllers: [StatsController],
})
export class AppModule {}
