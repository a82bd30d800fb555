import { Injectable } from '@nestjs/common';

/** Clicks per page, in memory: the demo's read model. */
@Injectable()
export class ClickCountsService {
  private readonly perPage = new Map<string, number>();
  private total = 0;

  add(page: string): void {
    this.perPage.set(page, (this.perPage.get(page) ?? 0) + 1);
    this.total++;
  }

  snapshot(): { total: number; pages: Record<string, number> } {
    return { total: this.total, pages: Object.fromEntries(this.perPage) };
  }
}
