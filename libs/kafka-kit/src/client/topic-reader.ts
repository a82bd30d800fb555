import type { ConsumedRecord } from './consumer-client.js';

/** Offsets [from, to) of one partition. */
export interface ReadRange {
  topic: string;
  partition: number;
  from: string;
  to: string;
}

export interface ReadRecord extends ConsumedRecord {
  topic: string;
  partition: number;
}

/** Reads explicit offset ranges once, never committing. Used to look into DLQs and to rebuild ordered-retry state. */
export interface TopicReader {
  /** Every record in `ranges`, per partition in offset order; rejects after `timeoutMs`. */
  read(ranges: ReadRange[], timeoutMs: number): Promise<ReadRecord[]>;
}
