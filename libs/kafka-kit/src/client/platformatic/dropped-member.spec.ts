import * as kafka from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { DroppedMember } from './dropped-member.js';

/** A heartbeat answer as @platformatic/kafka fails it: a ResponseError carrying the response. */
const heartbeatAnswer = (errorCode: number) => {
  const response = { errorCode, memberEpoch: 4 };
  return new kafka.ResponseError(68, 1, { '/': [errorCode, null] }, response) as unknown as Error & {
    response: { errorCode: number };
  };
};

describe('DroppedMember', () => {
  it('hands UNKNOWN_MEMBER_ID on as a fence, which makes the library join again, and says so once per drop', () => {
    const warned: string[] = [];
    const dropped = new DroppedMember(kafka, 'orders', { warn: (m: string) => void warned.push(m) });
    const error = heartbeatAnswer(25);
    expect(dropped.answered(error)).toBe(error);
    expect(error.response.errorCode).toBe(110);
    const inFlight = heartbeatAnswer(25);
    dropped.answered(inFlight);
    expect(inFlight.response.errorCode).toBe(110);
    expect(warned).toHaveLength(1);
    dropped.answered(null);
    dropped.answered(heartbeatAnswer(25));
    expect(warned).toHaveLength(2);
    expect(warned[0]).toMatch(/group "orders" \(UNKNOWN_MEMBER_ID: its session expired/);
  });

  it('leaves every other answer as it is', () => {
    const warned: string[] = [];
    const error = heartbeatAnswer(15);
    new DroppedMember(kafka, 'orders', { warn: (m: string) => void warned.push(m) }).answered(error);
    expect(error.response.errorCode).toBe(15);
    expect(warned).toEqual([]);
  });
});
