import { describe, expect, it } from 'vitest';
import { KafkaOperatorModule } from './kafka-operator.module.js';

describe('KafkaOperatorModule', () => {
  it('refuses to mount the endpoint without a guard', () => {
    expect(() => KafkaOperatorModule.forRoot({} as never)).toThrow(/needs a guard/);
  });

  it('mounts one guarded controller per call, at the given path', () => {
    const guard = { canActivate: () => true };
    const a = KafkaOperatorModule.forRoot({ guard, path: 'ops/kafka' });
    const b = KafkaOperatorModule.forRoot({ guard });
    const [ca] = a.controllers!;
    const [cb] = b.controllers!;
    expect(ca).not.toBe(cb);
    expect(Reflect.getMetadata('path', ca!)).toBe('ops/kafka');
    expect(Reflect.getMetadata('path', cb!)).toBe('kafka/operator');
    expect(Reflect.getMetadata('__guards__', ca!)).toEqual([guard]);
  });
});
