/**
 * The public API of nest-kafka-kit: the module, the decorators, the producer, the error
 * strategies, health, lag, metrics, the operator and DLQ tools and the dashboard. Only what users
 * need; internals stay unexported.
 * @module nest-kafka-kit
 */

// Module and options
export { KafkaModule } from './module/kafka.module.js';
export type {
  KafkaModuleOptions,
  KafkaSaslOptions,
  KafkaRetryOptions,
  KafkaLogLevel,
  KafkaDriverName,
  KafkaGroupProtocol,
} from './interfaces/kafka-module-options.interface.js';
export type { TopicDeclaration } from './interfaces/topic-declaration.interface.js';
export type {
  ConsumerDefaults,
  KafkaConsumerOptions,
  KafkaListenerOptions,
  KeyConcurrency,
} from './interfaces/consumer-options.interface.js';
export type {
  Acks,
  CompressionCodec,
  ProducerOptions,
  Serializer,
} from './interfaces/producer-options.interface.js';

// Producing
export { KafkaProducer, KafkaTransaction } from './producer/kafka-producer.js';
export type { ProducerMessage, ProducerStats, RecordMetadata, TopicMap } from './producer/kafka-producer.js';
export type {
  Partitioner,
  PartitionerFactory,
  PartitionerInput,
} from './interfaces/partitioner.interface.js';
export { murmur2Partitioner } from './producer/murmur2-partitioner.js';
export { roundRobinPartitioner } from './producer/round-robin-partitioner.js';
export { priorityPartitioner } from './producer/priority-partitioner.js';
export { murmur2Partition } from './client/murmur2.js';

// Consuming
export { KafkaConsumer } from './consumer/decorators/kafka-consumer.decorator.js';
export { KafkaListener } from './consumer/decorators/kafka-listener.decorator.js';
export { Payload, Key, Headers, Ctx } from './consumer/decorators/kafka-params.decorators.js';
export { KafkaContext } from './consumer/kafka-context.js';
export { KafkaBatchContext } from './consumer/kafka-batch-context.js';

// Offsets kept in the application's database
export type { OffsetStore, OffsetPosition } from './interfaces/offset-store.interface.js';
export { PostgresOffsetStore } from './offset-store/postgres-offset-store.js';
export type {
  PostgresOffsetStoreOptions,
  SqlQueryable,
  PgPoolLike,
  PgliteLike,
} from './offset-store/postgres-offset-store.js';
export { DEFAULT_OFFSET_TABLE } from './offset-store/postgres-offset-sql.js';
export { OffsetConflictError } from './errors/offset-conflict.error.js';
export { ConsumerStateService } from './consumer/state/consumer-state.service.js';
export { ConsumerObservers } from './consumer/state/consumer-observers.js';
export type {
  ConsumerState,
  ConsumerGroupStatus,
  ConsumerStateChange,
  StoppedPartition,
  StoppedPartitionKind,
  PartitionActivity,
  ConsumerObserver,
} from './consumer/state/consumer-state.js';
export { KAFKA_CONTEXT_TYPE } from './kafka.constants.js';

// Errors
export { KafkaKitError } from './errors/kafka-kit.error.js';
export { DeserializationError } from './errors/deserialization.error.js';
export { PayloadValidationError } from './errors/payload-validation.error.js';
export type { PayloadViolation } from './errors/payload-violation.js';
export { InvalidKafkaOptionsError } from './errors/invalid-kafka-options.error.js';
export { TopicProvisioningError } from './errors/topic-provisioning.error.js';
export { BatchListenerFailedError } from './errors/batch-listener-failed.error.js';
export { UnsupportedSchemaError } from './errors/unsupported-schema.error.js';
export { ProduceNotAcknowledgedError } from './errors/produce-not-acknowledged.error.js';
export { HandlerTimeoutError } from './errors/handler-timeout.error.js';
export type { RecordCoordinates } from './errors/record-coordinates.js';

// Health, lag and metrics
export { KafkaHealthModule } from './health/kafka-health.module.js';
export type { KafkaHealthModuleOptions } from './health/kafka-health.options.js';
export { KafkaHealthController } from './health/kafka-health.controller.js';
export { KafkaBrokerHealthIndicator } from './health/kafka-broker.health-indicator.js';
export { KafkaConsumerReadinessIndicator } from './health/kafka-consumer-readiness.health-indicator.js';
export { KafkaConsumerLivenessIndicator } from './health/kafka-consumer-liveness.health-indicator.js';
export { KafkaLagHealthIndicator } from './health/kafka-lag.health-indicator.js';
export { HealthProbeLog } from './health/health-probe-log.js';
export type { LivenessProblem } from './verdict/consumer-liveness.js';
export type { GroupLagDetail, PartitionLagDetail } from './verdict/lag-verdict.js';
export { KafkaHealthEvaluator } from './verdict/kafka-health-evaluator.js';
export type { HealthEvaluation } from './verdict/health-evaluation.js';
export { LagSampler } from './lag/lag-sampler.service.js';
export type { LagSamplerOptions } from './lag/lag-sampler.options.js';
export type {
  GroupLag,
  LagSampleCost,
  LagSnapshot,
  PartitionLag,
  PartitionOwner,
  TopicPartitionOffsets,
} from './lag/lag-sample.js';
export type { GroupLagStatus, PartitionLagStatus } from './lag/lag-status.js';
export { toBurrowConsumerStatus } from './lag/burrow-consumer-status.js';
export type {
  BurrowConsumerStatusResponse,
  BurrowOffset,
  BurrowPartitionStatus,
} from './lag/burrow-consumer-status.js';
export { KafkaMetrics } from './metrics/kafka-metrics.service.js';
export { KAFKA_METRICS_REGISTRY } from './metrics/kafka-metrics.constants.js';

// Error handling strategies
export type {
  ErrorHandlingOptions,
  StopOnErrorOptions,
  SkipOptions,
  DeadLetterOptions,
  BlockingRetryOptions,
  RetryTopicsOptions,
  TerminalOptions,
  BackoffOptions,
  ErrorClass,
  ErrorClassification,
  DeadLetterHeaderStyle,
  DlqTopicNaming,
  StopScope,
} from './interfaces/error-handling-options.interface.js';
export type { FailureReason } from './failure-records/failure-reason.js';
export { deadLetter, retryLater, ListenerRouting } from './strategies/listener-routing.js';
export { RoutedByHandlerError } from './errors/routed-by-handler.error.js';
export {
  DLQ_HEADERS,
  SPRING_DLQ_HEADERS,
  RETRY_HEADERS,
  REPLAY_HEADERS,
} from './failure-records/kafka-headers.js';
export { StoppedPartitionsService } from './operator/stopped-partitions.service.js';
export type {
  StoppedPartitionView,
  SkipRequest,
  OperatorAction,
} from './operator/stopped-partitions.service.js';
export { FailureWriteInProgressError } from './errors/failure-write-in-progress.error.js';
export { KafkaAuthorizationError } from './errors/kafka-authorization.error.js';
export type { DeniedAccess } from './errors/denied-access.js';
export { InvalidListenerError } from './errors/invalid-listener.error.js';
export { PartitionNotStoppedError } from './errors/partition-not-stopped.error.js';
export { UnknownTopicError } from './errors/unknown-topic.error.js';
export { KafkaOperatorModule } from './operator/kafka-operator.module.js';
export type { KafkaOperatorModuleOptions } from './operator/kafka-operator.module.js';
export { DlqService } from './dlq/dlq.service.js';
export type { DlqPartitionStats, DlqSelection, ReplayOptions, ReplayResult } from './dlq/dlq.service.js';
export type { DlqRecordView, DlqFailure } from './dlq/dlq-record-view.js';

// Operations dashboard
export { KafkaDashboardModule } from './dashboard/kafka-dashboard.module.js';
export type { KafkaDashboardModuleOptions } from './dashboard/dashboard.options.js';
