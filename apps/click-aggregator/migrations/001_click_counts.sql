-- Clicks per page per minute window (UTC), the aggregator's read model.
CREATE TABLE click_counts (
  page text NOT NULL,
  minute timestamptz NOT NULL,
  clicks bigint NOT NULL,
  PRIMARY KEY (page, minute)
);
CREATE INDEX click_counts_minute ON click_counts (minute);

-- nest-kafka-kit's PostgresOffsetStore table (its documented DDL): the next offset to read per
-- partition, saved in the same transaction as the counts it covers.
CREATE TABLE IF NOT EXISTS kafka_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
