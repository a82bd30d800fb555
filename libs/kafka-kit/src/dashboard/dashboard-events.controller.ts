import { Inject, Param, Req, Sse, type MessageEvent } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { defer, distinctUntilChanged, finalize, map, startWith, type Observable } from 'rxjs';
import { CSRF_COOKIE, CsrfTokens, readCookie } from './csrf.js';
import { KAFKA_DASHBOARD_OPTIONS, type ResolvedDashboardOptions } from './dashboard.options.js';
import { dashboardBase } from './dashboard-pages.controller.js';
import { DashboardState } from './dashboard-state.service.js';
import { groupDetail, groupRows } from './dashboard-view.js';
import { FailureTopicsWatcher } from './failure-topics.watcher.js';
import { cookieHeader, type DashboardRequest } from './http-response.js';
import { dlqListLive } from './pages/dlq.page.js';
import { groupCharts, groupLive } from './pages/group.page.js';
import type { PageContext } from './pages/layout.js';
import { overviewLive } from './pages/overview.page.js';
import { retryLive } from './pages/retry.page.js';

/** What one push carries: the live region's new markup, and chart data where the page has charts. */
interface LiveUpdate {
  html: string;
  charts?: unknown;
}

/**
 * Server-Sent Events, one stream per open page. Each push re-renders the page's live region
 * from in-process state; a push that would change nothing is not sent. However many pages
 * are open, the broker sees only the lag sampler's own requests, and the failure-topic look
 * while at least one DLQ or retry page is open.
 */
export class DashboardEventsController {
  // Explicit tokens: the class is decorated per forRoot() call, so no design metadata exists.
  constructor(
    @Inject(DashboardState) private readonly state: DashboardState,
    @Inject(FailureTopicsWatcher) private readonly failureTopics: FailureTopicsWatcher,
    @Inject(CsrfTokens) private readonly tokens: CsrfTokens,
    @Inject(ApplicationConfig) private readonly config: ApplicationConfig,
    @Inject(KAFKA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {}

  @Sse('events/overview')
  overview(@Req() req: DashboardRequest): Observable<MessageEvent> {
    const ctx = this.context(req);
    return this.stream(() => ({
      html: overviewLive(ctx, groupRows(this.state.inputs()), this.state.sampledAt()).markup,
    }));
  }

  @Sse('events/groups/:groupId')
  group(@Param('groupId') groupId: string, @Req() req: DashboardRequest): Observable<MessageEvent> {
    const ctx = this.context(req);
    return this.stream(() => {
      const detail = groupDetail(groupId, this.state.inputs());
      return detail
        ? { html: groupLive(ctx, detail, this.state.sampledAt()).markup, charts: groupCharts(detail) }
        : { html: '' };
    });
  }

  @Sse('events/dlq')
  dlqs(@Req() req: DashboardRequest): Observable<MessageEvent> {
    const ctx = this.context(req);
    return this.watchingFailureTopics(() => ({ html: dlqListLive(ctx, this.failureTopics.view()).markup }));
  }

  @Sse('events/retry')
  retries(@Req() req: DashboardRequest): Observable<MessageEvent> {
    const ctx = this.context(req);
    return this.watchingFailureTopics(() => ({
      html: retryLive(ctx, this.failureTopics.view(), Date.now()).markup,
    }));
  }

  // Counted from subscribe to unsubscribe (Nest unsubscribes when the browser closes the stream).
  private watchingFailureTopics(render: () => LiveUpdate): Observable<MessageEvent> {
    return defer(() => {
      const release = this.state.watchFailureTopics();
      return this.stream(render).pipe(finalize(release));
    });
  }

  private stream(render: () => LiveUpdate): Observable<MessageEvent> {
    return this.state.updates.pipe(
      startWith(undefined),
      map(() => JSON.stringify(render())),
      distinctUntilChanged(),
      map((data) => ({ data })),
    );
  }

  // The stream's forms carry the token the page's cookie holds; it sets no cookie itself.
  private context(req: DashboardRequest): PageContext {
    const token = readCookie(cookieHeader(req), CSRF_COOKIE);
    return {
      base: dashboardBase(this.config, this.options.path),
      guarded: this.options.guarded,
      csrf: token && this.tokens.verify(token, token) ? token : '',
    };
  }
}
