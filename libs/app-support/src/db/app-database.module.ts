import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { appDatabase } from './app-database-handle.js';
import { Database } from './database.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';

/** `AppDatabaseModule.forRoot` options. */
export interface AppDatabaseOptions {
  /** The app's name: PGlite's default directory (`.data/<app>`) and its migrations' owner. */
  app: string;
  /** The folder of the app's ordered `.sql` migrations, applied on start. */
  migrations: URL;
}

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly db: Database) {}

  onApplicationShutdown(): Promise<void> {
    return this.db.close();
  }
}

/**
 * Opens the app's database (DATABASE_URL, else PGlite) and migrates it before anything else
 * starts. Global on purpose: Nest starts global modules first and shuts them down last, so the
 * consumers have drained (their last records written) before the database closes.
 */
@Module({})
export class AppDatabaseModule {
  static forRoot({ app, migrations }: AppDatabaseOptions): DynamicModule {
    return {
      module: AppDatabaseModule,
      global: true,
      providers: [
        {
          provide: Database,
          useFactory: async () => {
            const db = await openDatabase(app);
            const applied = await migrate(db, app, migrations);
            new Logger('Database').log(
              `${db.engine}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`,
            );
            appDatabase.attach(db);
            return db;
          },
        },
        DatabaseCloser,
      ],
      exports: [Database],
    };
  }
}
