import { describe, expect, it } from 'vitest';
import { DashboardActionsController } from './dashboard-actions.controller.js';
import { KafkaDashboardModule } from './kafka-dashboard.module.js';

describe('KafkaDashboardModule', () => {
  it('without a guard mounts the read-only views at the default path, and no action', () => {
    const controllers = KafkaDashboardModule.forRoot().controllers!;
    expect(controllers).toHaveLength(3);
    expect(controllers.some((c) => c.prototype instanceof DashboardActionsController)).toBe(false);
    for (const c of controllers) {
      expect(Reflect.getMetadata('path', c)).toBe('kafka/dashboard');
      expect(Reflect.getMetadata('__guards__', c)).toBeUndefined();
    }
  });

  it('with a guard puts every view and the actions behind it, per call', () => {
    const guard = { canActivate: () => true };
    const a = KafkaDashboardModule.forRoot({ guard, path: '/ops/dash/' }).controllers!;
    const b = KafkaDashboardModule.forRoot({ guard }).controllers!;
    expect(a).toHaveLength(4);
    expect(a.some((c) => c.prototype instanceof DashboardActionsController)).toBe(true);
    for (const c of a) {
      expect(Reflect.getMetadata('path', c)).toBe('ops/dash');
      expect(Reflect.getMetadata('__guards__', c)).toEqual([guard]);
    }
    expect(a[0]).not.toBe(b[0]);
  });
});
