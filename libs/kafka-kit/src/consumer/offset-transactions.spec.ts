import { describe, expect, it } from 'vitest';
import type { BatchControl, ConsumedRecord } from '../client/consumer-client.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import { KafkaContext } from './kafka-context.js';
import { nextOffset, positionOf } from './offset-transactions.js';

const control = {} as BatchControl;
const record = (offset: string): ConsumedRecord => ({
  key: null,
  value: null,
  timestamp: '0',
  offset,
  headers: {},
});
const context = (offset: string) => new KafkaContext('clicks', 3, record(offset), control);

describe('offset positions', () => {
  it('resumes after the record, past 2^53 too', () => {
    expect(nextOffset('0')).toBe('1');
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });

  it('covers one record for a record listener', () => {
    expect(positionOf('g', context('41'))).toEqual({
      groupId: 'g',
      topic: 'clicks',
      partition: 3,
      from: '41',
      next: '42',
    });
  });

  it('covers a batch from its first record to after its last (offsets may have gaps)', () => {
    const batch = new KafkaBatchContext('clicks', 3, [context('10'), context('11'), context('15')]);
    expect(positionOf('g', batch)).toEqual({
      groupId: 'g',
      topic: 'clicks',
      partition: 3,
      from: '10',
      next: '16',
    });
  });

  it('gives the handler the transaction the library bound, and refuses without an offset store', () => {
    const ctx = context('1');
    expect(() => ctx.transaction()).toThrow(/has no offsetStore/);
    ctx.bindTransaction('tx-1');
    expect(ctx.transaction()).toBe('tx-1');
    const batch = new KafkaBatchContext('clicks', 3, [context('1')]);
    batch.bindTransaction('tx-2');
    expect(batch.transaction()).toBe('tx-2');
    // A retried record of a batch listener comes as a batch of one around the record's context.
    expect(new KafkaBatchContext('clicks', 3, [ctx]).transaction()).toBe('tx-1');
  });
});
