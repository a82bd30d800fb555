-- Clicks per page per minute window (UTC), the aggregator's read model.
CREATE TABLE click_counts (
  page text NOT NULL,
  minute timestamptz NOT NULL,
  clicks bigint NOT NULL,
  PRIMARY KEY (page, minute)
);
CREATE INDEX click_counts_minute ON click_counts (minute);

-- The next offset to apply per partition, written in the same transaction as the counts: a
-- record at an offset below it was counted already (redelivered after a crash or a rebalance).
CREATE TABLE click_counts_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);
