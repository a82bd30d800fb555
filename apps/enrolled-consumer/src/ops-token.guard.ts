import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { timingSafeEqual } from 'node:crypto';

/**
 * Lets a request through when its `x-ops-token` header equals OPS_TOKEN. Without OPS_TOKEN
 * nobody passes: the operator endpoints (skip a record!) are never open by accident.
 */
@Injectable()
export class OpsTokenGuard implements CanActivate {
  private readonly token: Buffer | undefined;

  constructor(config: ConfigService) {
    const token = config.get<string>('OPS_TOKEN');
    this.token = token ? Buffer.from(token) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
      'x-ops-token'
    ];
    if (!this.token || typeof given !== 'string') return false;
    const candidate = Buffer.from(given);
    return candidate.length === this.token.length && timingSafeEqual(candidate, this.token);
  }
}
