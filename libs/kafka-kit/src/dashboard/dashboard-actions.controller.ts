import {
  Body,
  ConflictException,
  ForbiddenException,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Redirect,
  Req,
  Res,
} from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { DlqService } from '../dlq/dlq.service.js';
import { FailureWriteInProgressError } from '../errors/failure-write-in-progress.error.js';
import { PartitionNotStoppedError } from '../errors/partition-not-stopped.error.js';
import { StoppedPartitionsService } from '../operator/stopped-partitions.service.js';
import { CSRF_COOKIE, CSRF_FIELD, CsrfTokens, readCookie } from './csrf.js';
import { actionIncomplete, csrfRefused, replayRequested } from './dashboard.messages.js';
import { KAFKA_DASHBOARD_OPTIONS, type ResolvedDashboardOptions } from './dashboard.options.js';
import { dashboardBase } from './dashboard-pages.controller.js';
import { cookieHeader, preparePage, type DashboardRequest, type DashboardResponse } from './http-response.js';
import { seg } from './pages/format.js';
import { replayResultPage } from './pages/dlq.page.js';

type Form = Record<string, string | undefined>;

const offsetOrUndefined = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? v.trim() : undefined);

/**
 * The dashboard's actions: retry or skip a stopped partition, replay DLQ records. Mounted by
 * KafkaDashboardModule.forRoot() only when it has a guard, always behind it; every action
 * form carries the page's CSRF token, and a request without it is refused.
 */
export class DashboardActionsController {
  private readonly logger = new Logger('KafkaDashboard');

  // Explicit tokens: the class is decorated per forRoot() call, so no design metadata exists.
  constructor(
    @Inject(StoppedPartitionsService) private readonly operator: StoppedPartitionsService,
    @Inject(DlqService) private readonly dlq: DlqService,
    @Inject(CsrfTokens) private readonly tokens: CsrfTokens,
    @Inject(ApplicationConfig) private readonly config: ApplicationConfig,
    @Inject(KAFKA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {}

  @Post('actions/groups/:groupId/stopped/:topic/:partition/retry')
  @Redirect(undefined, 303)
  retry(
    @Param('groupId') groupId: string,
    @Param('topic') topic: string,
    @Param('partition', ParseIntPipe) partition: number,
    @Body() form: Form,
    @Req() req: DashboardRequest,
  ): { url: string } {
    this.checkCsrf(req, form);
    if (!form?.by?.trim()) throw new ConflictException(actionIncomplete());
    this.act(() => this.operator.retry(groupId, topic, partition, form.by!.trim()));
    return { url: `${this.base()}/groups/${seg(groupId)}` };
  }

  @Post('actions/groups/:groupId/stopped/:topic/:partition/skip')
  @Redirect(undefined, 303)
  skip(
    @Param('groupId') groupId: string,
    @Param('topic') topic: string,
    @Param('partition', ParseIntPipe) partition: number,
    @Body() form: Form,
    @Req() req: DashboardRequest,
  ): { url: string } {
    this.checkCsrf(req, form);
    const by = form?.by?.trim();
    const reason = form?.reason?.trim();
    if (!by || !reason || !form.offset) throw new ConflictException(actionIncomplete());
    this.act(() => this.operator.skip(groupId, topic, partition, { offset: form.offset!, by, reason }));
    return { url: `${this.base()}/groups/${seg(groupId)}` };
  }

  @Post('actions/dlq/:topic/replay')
  @HttpCode(200)
  async replay(
    @Param('topic') topic: string,
    @Body() form: Form,
    @Req() req: DashboardRequest,
    @Res({ passthrough: true }) res: DashboardResponse,
  ): Promise<string> {
    this.checkCsrf(req, form);
    const by = form?.by?.trim();
    if (!by) throw new ConflictException(actionIncomplete());
    const partition = offsetOrUndefined(form.partition);
    const dryRun = form.dryRun === 'true';
    const result = await this.dlq.replay(topic, {
      partition: partition === undefined ? undefined : Number(partition),
      from: offsetOrUndefined(form.from),
      to: offsetOrUndefined(form.to),
      dryRun,
    });
    this.logger.warn(replayRequested(by, topic, result.replayed.length, dryRun));
    const base = this.base();
    const ctx = { base, guarded: true, csrf: preparePage(req, res, this.tokens, base) };
    return replayResultPage(ctx, topic, result).markup;
  }

  private checkCsrf(req: DashboardRequest, form: Form): void {
    const cookie = readCookie(cookieHeader(req), CSRF_COOKIE);
    if (!this.tokens.verify(cookie, form?.[CSRF_FIELD])) throw new ForbiddenException(csrfRefused());
  }

  private act(action: () => unknown): void {
    try {
      action();
    } catch (error) {
      if (error instanceof PartitionNotStoppedError) throw new NotFoundException(error.message);
      if (error instanceof FailureWriteInProgressError) throw new ConflictException(error.message);
      throw error;
    }
  }

  private base(): string {
    return dashboardBase(this.config, this.options.path);
  }
}
