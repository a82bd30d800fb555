import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { KafkaConnection } from '../client/kafka-connection.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { MODULE_OPTIONS_TOKEN } from '../options/kafka.module-definition.js';
import { provisionTopics } from '../topics/topic-provisioner.js';
import { ConsumerObservers } from './state/consumer-observers.js';
import { ConsumerStateService } from './state/consumer-state.service.js';
import { GroupConsumer } from './group-consumer.js';
import type { GroupPlan } from './group-plan.js';
import { KafkaExplorer } from './kafka.explorer.js';
import { RouteTable } from './listener-route.js';

/**
 * The consumers' lifecycle: collect listeners at module init, provision topics and start one
 * consumer per group at bootstrap, drain and commit before shutdown.
 */
@Injectable()
export class KafkaConsumersHost
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private groups: GroupConsumer[] = [];

  constructor(
    private readonly explorer: KafkaExplorer,
    private readonly connection: KafkaConnection,
    private readonly state: ConsumerStateService,
    private readonly observers: ConsumerObservers,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: KafkaModuleOptions,
  ) {}

  private failureTopics: GroupPlan['failureTopics'] = [];

  onModuleInit(): void {
    const plans = this.explorer.explore();
    this.failureTopics = plans.flatMap((p) => p.failureTopics);
    this.groups = plans.map(
      (plan) =>
        new GroupConsumer(
          plan.options,
          new RouteTable(plan.routes),
          this.state.register(plan.options.groupId, plan.options.sessionTimeoutMs),
          this.observers,
        ),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.connection.admin();
    const allowIncrease = this.options.allowPartitionIncrease ?? false;
    const declarations = [
      ...(this.options.topics ?? []),
      ...this.groups.flatMap((g) => g.routes.all.flatMap((r) => r.topicDeclarations)),
    ];
    await provisionTopics(admin, declarations, allowIncrease);
    // Retry and DLQ topics mirror their source's partitions (records keep their partition).
    const counts = await admin.partitionCounts([...new Set(this.failureTopics.map((f) => f.source))]);
    await provisionTopics(
      admin,
      this.failureTopics.flatMap(({ source, topics }) =>
        topics.map((topic) => ({ topic, partitions: counts.get(source) ?? 1 })),
      ),
      allowIncrease,
    );
    await Promise.all(this.groups.map((g) => g.start(this.connection)));
  }

  /** The running consumer of `groupId` (retry consumers included). */
  group(groupId: string): GroupConsumer | undefined {
    return this.groups.find((g) => g.groupId === groupId);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.groups.map((g) => g.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
