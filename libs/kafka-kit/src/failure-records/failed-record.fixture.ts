// A consumed record that failed, for the failure record specs: odd bytes, a user header and a
// stale library header that a failure record must not carry over.
export const failedRecord = {
  key: Buffer.from('k'),
  value: Buffer.from([0xff, 0x00]),
  timestamp: '1700000000000',
  offset: '41',
  headers: { trace: Buffer.from('t1'), 'x-dlq-reason': Buffer.from('stale') },
};
