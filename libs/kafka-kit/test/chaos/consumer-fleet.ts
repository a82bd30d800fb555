// Several instances of the steady consumer fixture in one group, each its own process, whose
// `handled` lines go into one DeliveryLedger as they arrive. Instances are killed (-9 or
// SIGTERM) and started again in their slot, like pods of a deployment.
import { startChildApp, type ChildApp } from '../child-app.js';
import { waitFor } from '../support.js';
import type { DeliveryLedger } from './delivery-ledger.js';

export interface FleetOptions {
  size: number;
  brokers: string[];
  topic: string;
  groupId: string;
  /** Passed to the fixture: HANDLER_MS, CONCURRENCY, SESSION_TIMEOUT_MS. */
  env?: Record<string, string>;
}

export class ConsumerFleet {
  private readonly slots: ChildApp[] = [];
  /** Slots whose current process said `ready` and has not been stopped since. */
  private readonly readySlots = new Set<number>();

  constructor(
    private readonly options: FleetOptions,
    private readonly ledger: DeliveryLedger,
  ) {}

  get size(): number {
    return this.options.size;
  }

  /** Starts every instance and waits until each has joined. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.size }, (_, i) => this.startSlot(i)));
  }

  /** Starts instance `slot` (again) and waits until it is ready. */
  async startSlot(slot: number): Promise<void> {
    const { brokers, topic, groupId, env } = this.options;
    const child = await startChildApp('steady-consumer.app.ts', {
      KAFKA_BROKERS: brokers.join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
      ...env,
    });
    this.slots[slot] = child;
    let carry = '';
    child.process.stdout!.on('data', (chunk: Buffer) => {
      const at = Date.now();
      const lines = (carry + chunk.toString('utf8')).split('\n');
      carry = lines.pop()!;
      for (const line of lines) {
        const m = /^handled (\d+) (\d+) (\S+)$/.exec(line);
        if (m) this.ledger.add({ at, instance: slot, offset: m[1]!, partition: Number(m[2]), id: m[3]! });
      }
    });
    await waitFor(`instance ${slot} to start`, () => child.output().includes('ready'), { timeoutMs: 60_000 });
    this.readySlots.add(slot);
  }

  /** Slots running and ready now (a churn picks its victims among them, not among starting ones). */
  ready(): number[] {
    return [...this.readySlots];
  }

  /** Sends `signal` to instance `slot` and waits until its process has ended. */
  async stop(
    slot: number,
    signal: 'SIGKILL' | 'SIGTERM',
  ): Promise<{ code: number | null; signal: string | null }> {
    const child = this.slots[slot]!;
    this.readySlots.delete(slot);
    child.process.kill(signal);
    await waitFor(
      `instance ${slot} to end after ${signal}`,
      () => child.process.exitCode !== null || child.process.signalCode !== null,
      { timeoutMs: 30_000 },
    );
    return { code: child.process.exitCode, signal: child.process.signalCode };
  }

  /** Everything instance `slot` printed (its current or last process). */
  output(slot: number): string {
    return this.slots[slot]?.output() ?? '';
  }

  /** The last `lines` lines each instance printed, labelled, for a failure's message. */
  tails(lines: number): string {
    return this.slots
      .map(
        (child, slot) =>
          `--- instance ${slot}:\n${child.output().trimEnd().split('\n').slice(-lines).join('\n')}`,
      )
      .join('\n');
  }

  /** Kills every instance still running (a test's cleanup). */
  killAll(): void {
    for (const child of this.slots) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    }
  }
}
