// What the example apps share (not part of nest-kafka-kit): their database and Kafka names.
export { Database } from './db/database.js';
export type { Queryable, QueryResult } from './db/database.js';
export { appDatabase, AppDatabaseHandle } from './db/app-database-handle.js';
export { AppDatabaseModule } from './db/app-database.module.js';
export type { AppDatabaseOptions } from './db/app-database.module.js';
export { openDatabase } from './db/open-database.js';
export type { DatabaseEnv } from './db/open-database.js';
export { migrate } from './db/migrate.js';
export { PgliteDirInUseError } from './db/pglite-lock.js';
export { kafkaName } from './kafka-names.js';
export { consumerDefaultsFromEnv } from './consumer-env.js';
export { kafkaClientFromEnv } from './kafka-client-env.js';
export { ClickEventDto } from './clicks/click-event.dto.js';
export { CLICK_TOPIC } from './clicks/click-topic.js';
