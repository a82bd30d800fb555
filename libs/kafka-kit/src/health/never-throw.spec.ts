import { HealthIndicatorService } from '@nestjs/terminus';
import { describe, expect, it } from 'vitest';
import { neverThrow } from './never-throw.js';

describe('neverThrow', () => {
  const check = new HealthIndicatorService().check('k');

  it('passes a result through', () => {
    expect(
      neverThrow(
        (d) => check.down(d),
        () => check.up(),
      ),
    ).toEqual({ k: { status: 'up' } });
  });

  it('turns an error into down with its message', () => {
    const result = neverThrow(
      (d) => check.down(d),
      () => {
        throw new Error('boom');
      },
    );
    expect(result).toEqual({ k: { status: 'down', message: 'health check failed: boom' } });
  });
});
