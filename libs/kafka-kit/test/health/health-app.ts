// An HTTP app around KafkaModule + KafkaHealthModule for the health tests, probed over real HTTP.
import type { DynamicModule, INestApplication, LoggerService, Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  KafkaHealthModule,
  KafkaModule,
  type KafkaHealthModuleOptions,
  type KafkaModuleOptions,
} from 'nest-kafka-kit';
import { kafkaBrokers } from '../support.js';
import { kafkaClientOptions } from '../../../../tools/test/kafka-client-options.js';

/** A terminus response body: overall status and one entry per check. */
export interface HealthBody {
  status: string;
  details: Record<string, { status: string } & Record<string, unknown>>;
}

export interface HttpReply {
  status: number;
  text: string;
  /** The body parsed as a health response (meaningful for /health routes only). */
  health: HealthBody;
}

export interface HealthApp {
  app: INestApplication;
  get(path: string): Promise<HttpReply>;
  close(): Promise<void>;
}

export async function startHealthApp(
  providers: Provider[],
  health: KafkaHealthModuleOptions = {},
  kafka: Partial<KafkaModuleOptions> = {},
  extra: { imports?: DynamicModule[]; logger?: LoggerService } = {},
): Promise<HealthApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KafkaModule.forRoot({
        brokers: kafkaBrokers(),
        logLevel: 'nothing',
        ...kafkaClientOptions(),
        ...kafka,
      }),
      KafkaHealthModule.forRoot(health),
      ...(extra.imports ?? []),
    ],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: extra.logger ?? false });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    async get(path) {
      const res = await fetch(`${url}${path}`);
      const text = await res.text();
      const json = res.headers.get('content-type')?.includes('application/json');
      return {
        status: res.status,
        text,
        health: json ? (JSON.parse(text) as HealthBody) : { status: '', details: {} },
      };
    },
    close: () => app.close(),
  };
}

/** A promise with its resolve function, to hold a handler until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
