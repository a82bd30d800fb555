import { Injectable, Logger } from '@nestjs/common';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';
import { probeDegraded, probeDown, probeRecovered } from './health.messages.js';

type CheckData = NonNullable<HealthIndicatorResult[string]>;

interface Problem {
  reason?: string;
  groupId?: string;
  topic?: string;
  partition?: number;
  offset?: string;
  error?: string;
}

interface GroupData {
  groupId?: string;
  ready?: boolean;
  reason?: string;
  reasons?: string[];
}

// One line per failing check: its message, or what its problems and groups say, never the JSON.
function summarize(key: string, data: CheckData): string {
  const { message, problems, groups } = data as {
    message?: string;
    problems?: Problem[];
    groups?: GroupData[];
  };
  const parts: string[] = [];
  if (typeof message === 'string') parts.push(message);
  for (const p of problems ?? []) {
    const where = p.topic === undefined ? '' : ` ${p.topic}[${p.partition}]@${p.offset}`;
    parts.push(`${p.groupId} ${p.reason}${where}${p.error ? ` (${p.error})` : ''}`);
  }
  for (const g of groups ?? []) {
    const why = [...(g.reasons ?? []), ...(g.reason ? [g.reason] : [])];
    if (why.length > 0) parts.push(`${g.groupId}: ${why.join('; ')}`);
  }
  return `${key}: ${parts.join(', ') || data.status}`;
}

/**
 * Logs a probe when its status changes, once (down as a warning, with why in one line; degraded
 * and recovered as plain lines), instead of terminus' ERROR with the whole JSON at every poll:
 * a probe polled every second by Kubernetes would otherwise fill the logs with one outage.
 */
@Injectable()
export class HealthProbeLog {
  private readonly logger = new Logger('KafkaHealth');
  private readonly last = new Map<string, HealthCheckResult['status']>();

  /**
   * Records one result of `probe` (any name, e.g. `/status`) and logs only a change: down as a warning
   * naming the failing checks, degraded and recovered as plain lines.
   */
  observe(probe: string, result: HealthCheckResult): void {
    const previous = this.last.get(probe);
    if (previous === result.status || result.status === 'shutting_down') return;
    this.last.set(probe, result.status);
    const failing = Object.entries({ ...result.info, ...result.error })
      .flatMap(([key, data]) => (data && data.status !== 'up' ? [summarize(key, data)] : []))
      .join(' | ');
    if (result.status === 'error') this.logger.warn(probeDown(probe, failing));
    else if (result.status === 'degraded') this.logger.log(probeDegraded(probe, failing));
    else if (previous !== undefined) this.logger.log(probeRecovered(probe));
  }
}
