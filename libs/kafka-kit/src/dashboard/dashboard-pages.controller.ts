import {
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { UnknownTopicError } from '../errors/unknown-topic.error.js';
import { ApplicationConfig } from '@nestjs/core';
import { DlqService } from '../dlq/dlq.service.js';
import { CsrfTokens } from './csrf.js';
import { dlqReadFailed, unknownGroup } from './dashboard.messages.js';
import { KAFKA_DASHBOARD_OPTIONS, type ResolvedDashboardOptions } from './dashboard.options.js';
import { DashboardState } from './dashboard-state.service.js';
import { groupDetail, groupRows } from './dashboard-view.js';
import { preparePage, type DashboardRequest, type DashboardResponse } from './http-response.js';
import { dlqListPage, dlqTopicPage } from './pages/dlq.page.js';
import { groupPage } from './pages/group.page.js';
import type { PageContext } from './pages/layout.js';
import { overviewPage } from './pages/overview.page.js';
import { retryPage } from './pages/retry.page.js';
import { parseValueFormat } from './value-format.js';

/** The dashboard's absolute path, global prefix included. */
export function dashboardBase(config: ApplicationConfig, path: string): string {
  const parts = [config.getGlobalPrefix(), path].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return parts.length === 0 ? '' : `/${parts.join('/')}`;
}

/**
 * The dashboard's pages, rendered on the server from in-process state (the DLQ browser reads
 * Kafka on request, and the DLQ and retry lists look at the failure topics when nobody has for
 * an interval). Routed and guarded by KafkaDashboardModule.forRoot().
 */
export class DashboardPagesController {
  // Explicit tokens: the class is decorated per forRoot() call, so no design metadata exists.
  constructor(
    @Inject(DashboardState) private readonly state: DashboardState,
    @Inject(DlqService) private readonly dlq: DlqService,
    @Inject(CsrfTokens) private readonly tokens: CsrfTokens,
    @Inject(ApplicationConfig) private readonly config: ApplicationConfig,
    @Inject(KAFKA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {}

  @Get()
  overview(@Req() req: DashboardRequest, @Res({ passthrough: true }) res: DashboardResponse): string {
    const ctx = this.context(req, res);
    return overviewPage(ctx, groupRows(this.state.inputs()), this.state.sampledAt()).markup;
  }

  @Get('groups/:groupId')
  group(
    @Param('groupId') groupId: string,
    @Req() req: DashboardRequest,
    @Res({ passthrough: true }) res: DashboardResponse,
  ): string {
    const detail = groupDetail(groupId, this.state.inputs());
    if (!detail) throw new NotFoundException(unknownGroup(groupId));
    return groupPage(this.context(req, res), detail, this.state.sampledAt()).markup;
  }

  @Get('dlq')
  async dlqs(
    @Req() req: DashboardRequest,
    @Res({ passthrough: true }) res: DashboardResponse,
  ): Promise<string> {
    const ctx = this.context(req, res);
    return dlqListPage(ctx, await this.state.failureTopicsView()).markup;
  }

  @Get('dlq/:topic')
  async dlqTopic(
    @Param('topic') topic: string,
    @Query() query: Record<string, string | undefined>,
    @Req() req: DashboardRequest,
    @Res({ passthrough: true }) res: DashboardResponse,
  ): Promise<string> {
    const ctx = this.context(req, res);
    const partition = /^\d+$/.test(query.partition ?? '') ? Number(query.partition) : undefined;
    const from = /^\d+$/.test(query.from ?? '') ? query.from : undefined;
    const browse = { topic, partition, from, format: parseValueFormat(query.format) };
    try {
      const stats = await this.dlq.stats(topic);
      const records = await this.dlq.peek(topic, { partition, from, limit: this.options.dlqPageSize });
      return dlqTopicPage(ctx, browse, stats, records).markup;
    } catch (error) {
      const message = dlqReadFailed(topic, error instanceof Error ? error.message : String(error));
      // A wrong name is the viewer's to fix; a cluster that cannot answer is not.
      if (error instanceof UnknownTopicError) throw new NotFoundException(message);
      throw new ServiceUnavailableException(message);
    }
  }

  @Get('retry')
  async retries(
    @Req() req: DashboardRequest,
    @Res({ passthrough: true }) res: DashboardResponse,
  ): Promise<string> {
    const ctx = this.context(req, res);
    return retryPage(ctx, await this.state.failureTopicsView(), Date.now()).markup;
  }

  private context(req: DashboardRequest, res: DashboardResponse): PageContext {
    const base = dashboardBase(this.config, this.options.path);
    return { base, guarded: this.options.guarded, csrf: preparePage(req, res, this.tokens, base) };
  }
}
