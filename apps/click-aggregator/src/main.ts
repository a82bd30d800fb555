import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
const port = Number(process.env.PORT ?? 3001);
await app.listen(port, '127.0.0.1');
new Logger('click-aggregator').log(`GET http://127.0.0.1:${port}/stats, /health, /metrics`);
