import { describe, expect, it } from 'vitest';
import { validateKafkaOptions } from './kafka-options.validator.js';

const brokers = '127.0.0.1:9092';

describe('validateKafkaOptions: driver and group protocol', () => {
  it('accepts both drivers, and KIP-848 with the platformatic driver', () => {
    expect(() => validateKafkaOptions({ brokers })).not.toThrow();
    expect(() =>
      validateKafkaOptions({ brokers, driver: 'kafkajs', groupProtocol: 'classic' }),
    ).not.toThrow();
    expect(() =>
      validateKafkaOptions({ brokers, driver: 'platformatic', groupProtocol: 'consumer' }),
    ).not.toThrow();
  });

  it('names an unknown driver or group protocol', () => {
    expect(() => validateKafkaOptions({ brokers, driver: 'rdkafka' as never })).toThrow(
      'Invalid KafkaModule option "driver": must be one of kafkajs, platformatic',
    );
    expect(() =>
      validateKafkaOptions({ brokers, driver: 'platformatic', groupProtocol: 'eager' as never }),
    ).toThrow('"groupProtocol": must be one of classic, consumer');
  });

  it('refuses KIP-848 on kafkajs, saying which driver speaks it', () => {
    expect(() => validateKafkaOptions({ brokers, groupProtocol: 'consumer' })).toThrow(
      "\"groupProtocol\": 'consumer' (KIP-848) needs driver 'platformatic'",
    );
  });
});
