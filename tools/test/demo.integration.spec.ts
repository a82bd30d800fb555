import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { down, up } from '../../libs/kafka-kit/embedded/cluster.mjs';
import { TEST_BROKER_PORTS } from './broker-ports.js';
import { appPids, isRunning, lagReport, runDemo } from './demo-run.js';
import { createTopics, waitFor } from './helpers.js';

const SUMMARY =
  /^\[demo\] sent (\d+) clicks, counted \1; notifications (\d+) of \2 due; DLQ (\d+) = poison due \3; lost = 0$/;

/**
 * What an earlier run that was aborted mid-incident leaves on a broker, under the apps' names
 * without a prefix: clicks (and a poison one) nobody counted yet, an empty-tutor-list enrollment,
 * and the CDC change with an unknown status that was never skipped. Read by this run, they would
 * stop its read model early and make its counts disagree with what it sent.
 */
async function leaveAnAbortedRunBehind(brokers: string[]): Promise<void> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await admin.connect();
  await producer.connect();
  try {
    const topics = ['click_log', 'rt.enrolled', 'cdc.enrollments'];
    await createTopics(
      admin,
      topics.map((topic) => ({ topic, numPartitions: 3 })),
    );
    const json = (v: unknown) => JSON.stringify(v);
    const clicks = Array.from({ length: 20 }, (_, i) => ({
      key: `user-${i}`,
      value: json({ userId: `user-${i}`, page: '/left-over' }),
    }));
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        { topic: 'click_log', messages: [...clicks, { key: 'user-0', value: '{"userId": ' }] },
        {
          topic: 'rt.enrolled',
          messages: [
            {
              key: 'enr-old',
              value: json({ enrollmentId: 'enr-old', studentId: 's', courseId: 'course-draft' }),
            },
          ],
        },
        {
          topic: 'cdc.enrollments',
          messages: [
            {
              key: 'enr-old',
              value: json({
                op: 'u',
                enrollmentId: 'enr-old',
                studentId: 's',
                courseId: 'course-kafka',
                status: 'transferred',
              }),
            },
          ],
        },
      ],
    });
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

describe('npm run demo', () => {
  it('without a terminal, on a broker an aborted run left poison on: status lines, the incident, and a last line proving sent = counted, DLQ = poison, lost = 0', async () => {
    // The demo's broker, started here so the earlier run's leftovers are on it before the demo starts.
    const port = TEST_BROKER_PORTS.demo;
    const stateDir = mkdtempSync(join(tmpdir(), 'demo-kafka-'));
    await up({ port, stateDir, log: () => {} });
    try {
      const brokers = [`127.0.0.1:${port}`];
      await leaveAnAbortedRunBehind(brokers);
      await runWithoutTerminal(brokers);
    } finally {
      await down({ port, stateDir, log: () => {} });
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 420_000);

  async function runWithoutTerminal(brokers: string[]): Promise<void> {
    const demo = runDemo(
      process.execPath,
      ['tools/demo/main.mjs', '--duration', '25'],
      TEST_BROKER_PORTS.demoAppsNoTty,
      brokers,
    );
    const code = await waitFor(
      'the demo to finish',
      async () => (await Promise.race([demo.exited, null])) ?? undefined,
      {
        timeoutMs: 240_000,
        intervalMs: 500,
      },
    ).catch(async (err) => {
      demo.child.kill('SIGINT');
      throw demo.failure(String(err));
    });
    const output = demo.output();
    // A run that fails says which app fell behind and how far, then everything it printed.
    expect(code, `consumer groups, last shown: ${lagReport(output)}\n${output}`).toBe(0);
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
    // The run kept to names of its own, so the leftovers above never reached it.
    expect(output).toMatch(/^\[demo\] topics and consumer groups of this run: demo-[0-9a-f]{6}\.\*$/m);
    expect(output).toContain('using Kafka at');
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
  }

  it('on a terminal: the STOP verdict shows within 10 s of the poison CDC change and clears after the key press that skips it', async () => {
    // `script` (util-linux) gives the demo a pseudo-terminal; its stdin is the terminal's keyboard.
    const command = 'stty cols 160 rows 60; exec node tools/demo/main.mjs --no-build --duration 15';
    const demo = runDemo('script', ['-qfec', command, '/dev/null'], TEST_BROKER_PORTS.demoAppsTty);
    try {
      const screenLine = (pattern: RegExp, from = 0) =>
        demo
          .output()
          .slice(from)
          .split('\n')
          .some((l) => pattern.test(l));
      await demo.until(
        'the poison CDC change on the timeline',
        () => demo.output().includes('with status "transferred"'),
        150_000,
      );
      const sentAt = Date.now();
      // The STOP verdict is held to 10 s; a timeout says how far behind the read model was when
      // the change was sent and at the end.
      const behindAtSend = lagReport(demo.output());
      await demo
        .until(
          'the STOP verdict on screen',
          () => screenLine(/^enrollments-read-model\s.*\bERR STOP\b/),
          10_000,
        )
        .catch((err: Error) => {
          throw new Error(`${err.message}\nconsumer groups when the poison change was sent: ${behindAtSend}`);
        });
      expect(Date.now() - sentAt, behindAtSend).toBeLessThan(10_000);
      await demo.until('the skip prompt', () => demo.output().includes('press s to skip'), 10_000);
      const pressedAt = demo.output().length;
      demo.child.stdin!.write('s');
      await demo.until(
        'the operator skip on the timeline',
        () => demo.output().includes('operator skipped cdc.enrollments'),
        10_000,
      );
      await demo.until(
        'the verdict back to OK on screen',
        () => screenLine(/^enrollments-read-model\s+running\s.*\bOK\b/, pressedAt),
        30_000,
      );
      const code = await waitFor(
        'the demo to finish',
        async () => (await Promise.race([demo.exited, null])) ?? undefined,
        {
          timeoutMs: 150_000,
          intervalMs: 500,
        },
      ).catch((err: unknown) => {
        throw demo.failure(String(err));
      });
      expect(code, demo.failure('the demo failed').message).toBe(0);
      expect(demo.output().trim().split('\n').at(-1)).toMatch(SUMMARY);
      expect(appPids(demo.output()).filter(isRunning)).toEqual([]);
    } finally {
      // A failed run is stopped and awaited: its broker and apps must not outlive the test (the
      // next run would find their ports taken).
      if (demo.child.exitCode === null) {
        demo.child.kill('SIGHUP');
        await waitFor(
          'the demo to stop after SIGHUP',
          () => demo.child.exitCode !== null || demo.child.signalCode !== null,
          {
            timeoutMs: 60_000,
            intervalMs: 200,
          },
        );
      }
    }
  }, 300_000);
});
