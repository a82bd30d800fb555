import { Controller, Module, UseGuards, type DynamicModule, type Type } from '@nestjs/common';
import { CsrfTokens } from './csrf.js';
import { DashboardActionsController } from './dashboard-actions.controller.js';
import { DashboardAssetsController } from './dashboard-assets.controller.js';
import { DashboardEventsController } from './dashboard-events.controller.js';
import {
  KAFKA_DASHBOARD_OPTIONS,
  resolveDashboardOptions,
  type KafkaDashboardModuleOptions,
} from './dashboard.options.js';
import { DashboardPagesController } from './dashboard-pages.controller.js';
import { DashboardState } from './dashboard-state.service.js';
import { FailureTopicsWatcher } from './failure-topics.watcher.js';

/**
 * The operations dashboard: groups with their lag verdicts, a group's partitions with lag
 * charts and stopped partitions, DLQs with a record browser and replay, retry topics; live over
 * Server-Sent Events. Needs KafkaModule and KafkaHealthModule (it reuses the lag sampler).
 * With a `guard`, everything sits behind it and the actions (retry, skip, replay) exist; without
 * one the dashboard is read-only.
 */
@Module({})
export class KafkaDashboardModule {
  /**
   * Mounts the dashboard's pages, event stream and assets at `path` (and its actions when `guard` is set).
   */
  static forRoot(options: KafkaDashboardModuleOptions = {}): DynamicModule {
    const resolved = resolveDashboardOptions(options);
    // A subclass per controller and call, so the path and guard decorate this mount only.
    const mount = (base: Type): Type => {
      const mounted = class extends base {};
      if (options.guard) UseGuards(options.guard)(mounted);
      Controller(resolved.path)(mounted);
      return mounted;
    };
    const controllers: Type[] = [
      DashboardPagesController,
      DashboardEventsController,
      DashboardAssetsController,
    ];
    if (options.guard) controllers.push(DashboardActionsController);
    return {
      module: KafkaDashboardModule,
      controllers: controllers.map(mount),
      providers: [
        { provide: KAFKA_DASHBOARD_OPTIONS, useValue: resolved },
        { provide: CsrfTokens, useValue: new CsrfTokens() },
        DashboardState,
        FailureTopicsWatcher,
      ],
    };
  }
}
