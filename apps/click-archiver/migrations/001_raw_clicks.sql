-- Every click as it was in click_log, once: the record's position is its key, so a batch
-- delivered again (after a crash, before its offsets were committed) inserts nothing new.
CREATE TABLE raw_clicks (
  topic text NOT NULL,
  partition int NOT NULL,
  "offset" bigint NOT NULL,
  user_id text NOT NULL,
  page text NOT NULL,
  referrer text,
  clicked_at timestamptz NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, "offset")
);
CREATE INDEX raw_clicks_clicked_at ON raw_clicks (clicked_at);
