import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';

/** `forRoot(options)` / `forRootAsync({ useFactory, inject, imports })`, global by default. */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<KafkaModuleOptions>({ moduleName: 'Kafka' })
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();
