import { describe, expect, it } from 'vitest';
import { parseDlqArgs } from './parse-args.js';

describe('parseDlqArgs', () => {
  it('reads the action, topic and options; brokers default to KAFKA_BROKERS', () => {
    expect(
      parseDlqArgs(
        [
          'dlq',
          'replay',
          't.dlq',
          '--partition',
          '1',
          '--from',
          '5',
          '--where',
          'reason=validation',
          '--dry-run',
        ],
        {
          KAFKA_BROKERS: 'b:9092',
        },
      ),
    ).toEqual({
      action: 'replay',
      topic: 't.dlq',
      brokers: 'b:9092',
      partition: 1,
      from: '5',
      where: [['reason', 'validation']],
      dryRun: true,
    });
  });

  it('rejects what it does not know, with the usage', () => {
    expect(() => parseDlqArgs(['dlq', 'list'], {})).toThrow(/Usage/);
    expect(() => parseDlqArgs(['dlq', 'list', 't', '--bogus', '1'], {})).toThrow(/unknown argument --bogus/);
    expect(() => parseDlqArgs(['dlq', 'list', 't', '--where', 'novalue'], {})).toThrow(/unknown argument/);
  });
});
