import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
const port = Number(process.env.PORT ?? 3000);
// Loopback unless told otherwise (docker-compose sets HOST=0.0.0.0 inside its containers).
await app.listen(port, process.env.HOST ?? '127.0.0.1');
new Logger('click-collector').log(
  `POST http://127.0.0.1:${port}/clicks  {"userId","page"} or an array of up to 500; /health, /metrics`,
);
