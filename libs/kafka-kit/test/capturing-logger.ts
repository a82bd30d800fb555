import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line, to see what reached Nest's logging. */
export class CapturingLogger implements LoggerService {
  readonly lines: { level: string; context: string; message: string }[] = [];
  // Nest passes the logger's context as the last argument (after an optional stack).
  private keep =
    (level: string) =>
    (message: unknown, ...params: unknown[]) =>
      void this.lines.push({ level, context: String(params.at(-1)), message: String(message) });
  log = this.keep('log');
  error = this.keep('error');
  warn = this.keep('warn');
  debug = this.keep('debug');
  verbose = this.keep('verbose');
}
