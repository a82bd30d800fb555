import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appPids, isRunning, runDemo } from './demo-run.js';
import { waitFor } from './helpers.js';

const SUMMARY =
  /^\[demo\] sent (\d+) clicks, counted \1; notifications (\d+) of \2 due; DLQ (\d+) = poison due \3; lost = 0$/;

describe('npm run demo', () => {
  it('without a terminal: status lines, the incident, and a last line proving sent = counted, DLQ = poison, lost = 0', async () => {
    const demo = runDemo(process.execPath, ['tools/demo/main.mjs', '--duration', '25'], 13120);
    const code = await waitFor(
      'the demo to finish',
      async () => (await Promise.race([demo.exited, null])) ?? undefined,
      {
        timeoutMs: 240_000,
        intervalMs: 500,
      },
    ).catch(async (err) => {
      demo.child.kill('SIGINT');
      throw new Error(`${String(err)}\n${demo.output()}`);
    });
    const output = demo.output();
    expect(code, output).toBe(0);
    const last = output.trim().split('\n').at(-1)!;
    const [, clicks, notifications, dlq] = SUMMARY.exec(last) ?? [];
    expect(last, output).toMatch(SUMMARY);
    expect(Number(clicks)).toBeGreaterThan(1000);
    expect(Number(notifications)).toBeGreaterThan(100);
    expect(Number(dlq)).toBeGreaterThan(10);
    expect(output).toMatch(/\[demo\] \+\d+ s \| click-aggregator OK lag \d+/); // the plain status line
    expect(output).toContain('reason: "course course-draft has no tutors to notify"');
    expect(output).toMatch(/enrollments-read-model: ERR STOP after \d+\.\d s/);
    expect(output).toMatch(/enrollments-read-model: lag drained, OK after/);
    // No process left behind, checked by pid.
    const pids = appPids(output);
    expect(pids).toHaveLength(6); // five apps and the PGlite server they share
    expect(pids.filter(isRunning)).toEqual([]);
    // A healthy start and run: no ERROR line from kafkajs in any app's log.
    for (const log of output.matchAll(/, log: (\S+\.log)$/gm)) {
      const kafkajsErrors = readFileSync(log[1]!, 'utf8')
        .split('\n')
        .filter((l) => /ERROR.*\[Kafka\]/.test(l.replace(/\x1b\[[0-9;]*m/g, '')));
      expect(kafkajsErrors, log[1]).toEqual([]);
    }
  }, 300_000);

  it('on a terminal: the STOP verdict shows within 10 s of the poison CDC change and clears after the key press that skips it', async () => {
    // `script` (util-linux) gives the demo a pseudo-terminal; its stdin is the terminal's keyboard.
    const command = 'stty cols 160 rows 60; exec node tools/demo/main.mjs --no-build --duration 15';
    const demo = runDemo('script', ['-qfec', command, '/dev/null'], 13130);
    try {
      const screenLine = (pattern: RegExp, from = 0) =>
        demo
          .output()
          .slice(from)
          .split('\n')
          .some((l) => pattern.test(l));
      await waitFor(
        'the poison CDC change on the timeline',
        () => demo.output().includes('with status "transferred"'),
        {
          timeoutMs: 150_000,
          intervalMs: 100,
        },
      );
      const sentAt = Date.now();
      await waitFor(
        'the STOP verdict on screen',
        () => screenLine(/^enrollments-read-model\s.*\bERR STOP\b/),
        {
          timeoutMs: 10_000,
          intervalMs: 100,
        },
      );
      expect(Date.now() - sentAt).toBeLessThan(10_000);
      await waitFor('the skip prompt', () => demo.output().includes('press s to skip'), {
        timeoutMs: 10_000,
      });
      const pressedAt = demo.output().length;
      demo.child.stdin!.write('s');
      await waitFor(
        'the operator skip on the timeline',
        () => demo.output().includes('operator skipped cdc.enrollments'),
        {
          timeoutMs: 10_000,
        },
      );
      await waitFor(
        'the verdict back to OK on screen',
        () => screenLine(/^enrollments-read-model\s+running\s.*\bOK\b/, pressedAt),
        {
          timeoutMs: 30_000,
        },
      );
      const code = await waitFor(
        'the demo to finish',
        async () => (await Promise.race([demo.exited, null])) ?? undefined,
        {
          timeoutMs: 150_000,
          intervalMs: 500,
        },
      );
      expect(code, demo.output().slice(-3000)).toBe(0);
      expect(demo.output().trim().split('\n').at(-1)).toMatch(SUMMARY);
      expect(appPids(demo.output()).filter(isRunning)).toEqual([]);
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGHUP');
    }
  }, 300_000);
});
