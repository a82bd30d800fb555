import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppDatabaseModule, consumerDefaultsFromEnv, kafkaClientFromEnv } from '@nest-kafka-kit/app-support';
import { KafkaDashboardModule, KafkaHealthModule, KafkaModule, KafkaOperatorModule } from 'nest-kafka-kit';
import { CourseDirectory } from './notifications/course-directory.service.js';
import { MailGateway } from './notifications/mail-gateway.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { TutorNotifierListener } from './notifications/tutor-notifier.listener.js';
import { NotificationGatewayController } from './ops/notification-gateway.controller.js';
import { OpsDashboardGuard } from './ops-dashboard.guard.js';
import { OpsTokenGuard } from './ops-token.guard.js';
import { EnrollmentsController } from './read-model/enrollments.controller.js';
import { EnrollmentsProjectionListener } from './read-model/enrollments-projection.listener.js';
import { EnrollmentsReadModel } from './read-model/enrollments-read-model.service.js';

@Module({
  imports: [
    // Global: the operator endpoints' guard reads OPS_TOKEN from inside KafkaOperatorModule.
    ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true }),
    AppDatabaseModule.forRoot({
      app: 'enrolled-consumer',
      migrations: new URL('../migrations/', import.meta.url),
    }),
    KafkaModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        brokers: config.get<string>('KAFKA_BROKERS', '127.0.0.1:9092'),
        ...kafkaClientFromEnv(),
        clientId: 'enrolled-consumer',
        consumerDefaults: consumerDefaultsFromEnv(),
      }),
    }),
    KafkaHealthModule.forRoot({}),
    KafkaOperatorModule.forRoot({ guard: OpsTokenGuard }),
    // GET /kafka/dashboard: lag, stopped partitions (retry, skip), the DLQ (browse, replay).
    KafkaDashboardModule.forRoot({ guard: OpsDashboardGuard }),
  ],
  providers: [
    CourseDirectory,
    MailGateway,
    TutorNotifierListener,
    EnrollmentsReadModel,
    EnrollmentsProjectionListener,
  ],
  controllers: [NotificationsController, EnrollmentsController, NotificationGatewayController],
})
export class AppModule {}
