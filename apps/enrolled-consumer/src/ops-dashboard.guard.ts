import { Injectable, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { OpsTokenGuard, type OpsRequest } from './ops-token.guard.js';

/**
 * The OPS_TOKEN guard for the dashboard's pages: a refused browser is asked for credentials
 * (401 with an HTTP Basic challenge; any user name, OPS_TOKEN as the password) instead of
 * getting a bare 403, so an operator can sign in without a header-editing extension.
 */
@Injectable()
export class OpsDashboardGuard extends OpsTokenGuard {
  override canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    if (this.allows(http.getRequest<OpsRequest>())) return true;
    http
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('WWW-Authenticate', 'Basic realm="enrolled-consumer operations", charset="UTF-8"');
    throw new UnauthorizedException();
  }
}
