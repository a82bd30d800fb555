import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { KafkaHealthModule, KafkaModule } from 'nest-kafka-kit';
import { CLICK_TOPIC, kafkaClientFromEnv } from '@nest-kafka-kit/app-support';
import { ClicksController } from './clicks.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true }),
    KafkaModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        brokers: config.get<string>('KAFKA_BROKERS', '127.0.0.1:9092'),
        ...kafkaClientFromEnv(),
        clientId: 'click-collector',
        // Many small HTTP requests become few produce requests.
        producer: { acks: 'all', lingerMs: 5 },
        topics: [{ topic: CLICK_TOPIC, partitions: 3 }],
      }),
    }),
    KafkaHealthModule.forRoot({}),
  ],
  controllers: [ClicksController],
})
export class AppModule {}
