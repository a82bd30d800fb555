import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppDatabaseModule, consumerDefaultsFromEnv, kafkaClientFromEnv } from '@nest-kafka-kit/app-support';
import { KafkaHealthModule, KafkaModule } from 'nest-kafka-kit';
import { ArchiveController } from './archive.controller.js';
import { ClickArchiverListener } from './click-archiver.listener.js';
import { RawClicksService } from './raw-clicks.service.js';

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    AppDatabaseModule.forRoot({
      app: 'click-archiver',
      migrations: new URL('../migrations/', import.meta.url),
    }),
    KafkaModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        brokers: config.get<string>('KAFKA_BROKERS', '127.0.0.1:9092'),
        ...kafkaClientFromEnv(),
        clientId: 'click-archiver',
        consumerDefaults: consumerDefaultsFromEnv(),
      }),
    }),
    KafkaHealthModule.forRoot({}),
  ],
  providers: [RawClicksService, ClickArchiverListener],
  controllers: [ArchiveController],
})
export class AppModule {}
