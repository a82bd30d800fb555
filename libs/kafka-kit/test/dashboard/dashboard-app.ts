// An HTTP app with KafkaModule, KafkaHealthModule and the dashboard behind a token guard, as an
// app would mount it; the tests drive it with a real browser.
import {
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  type Provider,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaDashboardModule, KafkaHealthModule, KafkaModule } from 'nest-kafka-kit';
import { kafkaBrokers } from '../support.js';
import { kafkaClientOptions } from '../../../../tools/test/kafka-client-options.js';

export const OPS_TOKEN = 'dashboard-test-token-0b7c';

/** Lets a request through when its x-ops-token header holds the token (like enrolled-consumer's). */
@Injectable()
export class TokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return (
      context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['x-ops-token'] ===
      OPS_TOKEN
    );
  }
}

export interface DashboardApp {
  app: INestApplication;
  /** The dashboard's URL, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

export async function startDashboardApp(providers: Provider[]): Promise<DashboardApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KafkaModule.forRoot({ brokers: kafkaBrokers(), logLevel: 'nothing', ...kafkaClientOptions() }),
      KafkaHealthModule.forRoot({ stuckHandlerMs: 600_000, lag: { intervalMs: 500 } }),
      KafkaDashboardModule.forRoot({
        path: 'ops/dashboard',
        guard: TokenGuard,
        pushIntervalMs: 250,
        failureTopicsIntervalMs: 1000,
      }),
    ],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/ops/dashboard`;
  return { app, url, close: () => app.close() };
}
