import { describe, expect, it } from 'vitest';
import { mavenDownloadCounter, parseSize, progressLine } from './download-progress.mjs';

const CENTRAL = 'https://repo.maven.apache.org/maven2/org/apache/kafka';

describe("Maven's downloads as one progress bar", () => {
  it('reads sizes as Maven prints them', () => {
    expect(parseSize('6.5 MB at 3.2 MB/s')).toBe(6.5e6);
    expect(parseSize('512 B at 10 kB/s')).toBe(512);
    expect(parseSize('12 kB')).toBe(12_000);
  });

  it('counts jars announced and fetched, and the bytes of every file', () => {
    const counter = mavenDownloadCounter();
    const lines = [
      `[INFO] Downloading from central: ${CENTRAL}/kafka_2.13/4.3.1/kafka_2.13-4.3.1.pom`,
      `[INFO] Downloaded from central: ${CENTRAL}/kafka_2.13/4.3.1/kafka_2.13-4.3.1.pom (3.1 kB at 20 kB/s)`,
      `[INFO] Downloading from central: ${CENTRAL}/kafka_2.13/4.3.1/kafka_2.13-4.3.1.jar`,
      `\x1b[1m[INFO] Downloading from central: ${CENTRAL}/kafka-clients/4.3.1/kafka-clients-4.3.1.jar\x1b[m`,
      `[INFO] Downloaded from central: ${CENTRAL}/kafka_2.13/4.3.1/kafka_2.13-4.3.1.jar (6.5 MB at 3.2 MB/s)`,
      '[INFO] BUILD SUCCESS',
    ];
    expect(lines.map((l) => counter.line(l))).toEqual([true, true, true, true, true, false]);
    expect(counter.counts).toEqual({ jarsStarted: 2, jarsDone: 1, files: 2, bytes: 6_503_100 });
    expect(progressLine(counter.counts)).toBe(
      `[${'#'.repeat(12)}${'.'.repeat(12)}] 1/2 jars, 2 files, 6.5 MB`,
    );
  });
});
