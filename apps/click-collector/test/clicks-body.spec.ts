import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { boundedSend, KafkaUnavailableException } from '../src/bounded-send.js';
import { parseClicks } from '../src/clicks-body.js';

const errorsOf = async (body: unknown) => {
  const err = await parseClicks(body).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BadRequestException);
  return (err as BadRequestException).getResponse() as { message: string; errors?: { field: string }[] };
};

describe('POST /clicks body', () => {
  it('takes one click or an array of clicks', async () => {
    expect(await parseClicks({ userId: 'u', page: '/' })).toMatchObject({
      many: false,
      clicks: [{ userId: 'u' }],
    });
    const { clicks, many } = await parseClicks([
      { userId: 'a', page: '/x' },
      { userId: 'b', page: '/y', referrer: 'r' },
    ]);
    expect(many).toBe(true);
    expect(clicks.map((c) => c.userId)).toEqual(['a', 'b']);
  });

  it('names every bad field, with its index in an array', async () => {
    const { errors } = await errorsOf([
      { userId: 'a', page: '/x' },
      { page: 3 },
      { userId: 'c', page: '/', admin: 1 },
    ]);
    expect(errors!.map((e) => e.field).sort()).toEqual(['[1].page', '[1].userId', '[2].admin']);
    expect((await errorsOf({ userId: '' })).errors!.map((e) => e.field).sort()).toEqual(['page', 'userId']);
    expect((await errorsOf('text')).errors![0]!.field).toBe('(body)');
  });

  it('refuses an empty array and more than 500 clicks', async () => {
    expect((await errorsOf([])).message).toMatch(/1 to 500 clicks, got 0/);
    const many = Array.from({ length: 501 }, (_, i) => ({ userId: `u${i}`, page: '/' }));
    expect((await errorsOf(many)).message).toMatch(/got 501/);
  });
});

describe('boundedSend', () => {
  it('gives the send its answer when it comes in time', async () => {
    expect(await boundedSend(Promise.resolve(7), 1000, 5)).toBe(7);
  });

  it('answers 503 with the retry delay when the send does not confirm in time, or fails', async () => {
    const hung = boundedSend(new Promise<never>(() => undefined), 20, 9);
    await expect(hung).rejects.toBeInstanceOf(KafkaUnavailableException);
    await expect(hung).rejects.toMatchObject({ retryAfterSeconds: 9, status: 503 });
    await expect(boundedSend(Promise.reject(new Error('broker gone')), 1000, 5)).rejects.toThrow(
      /broker gone/,
    );
  });
});
