// Types for download-progress.mjs.
export interface DownloadCounts {
  jarsStarted: number;
  jarsDone: number;
  files: number;
  bytes: number;
}
export function parseSize(text: string): number;
export function mavenDownloadCounter(): { counts: DownloadCounts; line(raw: string): boolean };
export function progressLine(counts: DownloadCounts): string;
export function progressBar(
  counts: DownloadCounts,
  options?: { stream?: NodeJS.WriteStream; log?: (line: string) => void; prefix?: string },
): { update(): void; finish(): void };
