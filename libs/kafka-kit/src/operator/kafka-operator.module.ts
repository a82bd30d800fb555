import {
  Controller,
  Module,
  UseGuards,
  type CanActivate,
  type DynamicModule,
  type Type,
} from '@nestjs/common';
import { KafkaOperatorController } from './kafka-operator.controller.js';
import { operatorGuardRequired } from './operator.messages.js';

/** Options of `KafkaOperatorModule.forRoot()`. */
export interface KafkaOperatorModuleOptions {
  /** Who may list, retry and skip: required, so the endpoint never runs unguarded. */
  guard: Type<CanActivate> | CanActivate;
  /** @default 'kafka/operator' */
  path?: string;
}

/**
 * Mounts the stop-on-error operator endpoints (`GET <path>/stopped`, `POST
 * <path>/stopped/:groupId/:topic/:partition/retry|skip`) behind the app's guard. Without this
 * module there is no endpoint; StoppedPartitionsService is always injectable.
 */
@Module({})
export class KafkaOperatorModule {
  /**
   * Mounts the operator controller at `path` behind `guard`.
   * @throws Error when no guard is given.
   */
  static forRoot(options: KafkaOperatorModuleOptions): DynamicModule {
    if (!options?.guard) throw new Error(operatorGuardRequired());
    // A subclass per call, so the guard and path decorate this module's controller only.
    class GuardedOperatorController extends KafkaOperatorController {}
    UseGuards(options.guard)(GuardedOperatorController);
    Controller(options.path ?? 'kafka/operator')(GuardedOperatorController);
    return { module: KafkaOperatorModule, controllers: [GuardedOperatorController] };
  }
}
