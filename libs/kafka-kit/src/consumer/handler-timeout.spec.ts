import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchControl } from '../client/consumer-client.js';
import { HandlerTimeoutError } from '../errors/handler-timeout.error.js';
import { withHandlerTimeout } from './handler-timeout.js';
import { KafkaContext } from './kafka-context.js';

const record = { key: null, value: null, timestamp: '0', offset: '42' };
const context = () => new KafkaContext('clicks', 3, record, {} as BatchControl);

describe('withHandlerTimeout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes a call that settles in time through, result and error alike', async () => {
    await expect(withHandlerTimeout(async () => 'done', 'L.m', 1000)(null, context())).resolves.toBe('done');
    const boom = new Error('boom');
    await expect(withHandlerTimeout(() => Promise.reject(boom), 'L.m', 1000)(null, context())).rejects.toBe(
      boom,
    );
  });

  it('rejects a hung call with where and how long, aborts its signal, and warns when it settles late', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let release!: () => void;
    const ctx = context();
    const call = withHandlerTimeout(() => new Promise<void>((r) => (release = r)), 'Clicks.count', 30);
    const error = await (call(null, ctx) as Promise<unknown>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandlerTimeoutError);
    expect(error).toMatchObject({
      topic: 'clicks',
      partition: 3,
      offset: '42',
      timeoutMs: 30,
      retryable: true,
    });
    expect((error as Error).message).toMatch(
      /^Listener Clicks\.count did not finish record clicks\[3\]@42 within/,
    );
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe(error);
    expect(warn).not.toHaveBeenCalled();
    release();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());
    expect(warn.mock.calls[0]![0]).toMatch(/^Clicks\.count on clicks\[3\]@42 settled after \d+ ms/);
  });
});
