import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { timingSafeEqual } from 'node:crypto';

/** The request fields the guard reads. */
export interface OpsRequest {
  headers: Record<string, unknown>;
}

/**
 * Lets a request through when its `x-ops-token` header equals OPS_TOKEN, or when it carries
 * HTTP Basic credentials whose password is OPS_TOKEN (what a browser can send, for the
 * dashboard). Without OPS_TOKEN nobody passes: the operator endpoints (skip a record!) are
 * never open by accident.
 */
@Injectable()
export class OpsTokenGuard implements CanActivate {
  private readonly token: Buffer | undefined;

  constructor(config: ConfigService) {
    const token = config.get<string>('OPS_TOKEN');
    this.token = token ? Buffer.from(token) : undefined;
  }

  canActivate(context: ExecutionContext): boolean {
    return this.allows(context.switchToHttp().getRequest<OpsRequest>());
  }

  protected allows(request: OpsRequest): boolean {
    const given = request.headers['x-ops-token'];
    if (typeof given === 'string') return this.matches(given);
    const auth = request.headers.authorization;
    if (typeof auth !== 'string' || !auth.startsWith('Basic ')) return false;
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    return this.matches(decoded.slice(decoded.indexOf(':') + 1));
  }

  private matches(given: string): boolean {
    if (!this.token) return false;
    const candidate = Buffer.from(given);
    return candidate.length === this.token.length && timingSafeEqual(candidate, this.token);
  }
}
