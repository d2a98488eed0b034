-- Partitions loaded by `lagebild analyze --engine local|dask`: one row per Parquet shard, written in the same
-- transaction as the shard's rows, so a restarted run knows exactly what is in the store. See docs/schema.md.

CREATE TABLE partitions (
    partition_key  VARCHAR PRIMARY KEY,      -- hash of the partition's article ids, content hashes, duplicate links
    run_id         INTEGER NOT NULL,
    first_file     VARCHAR NOT NULL,         -- the partition's first article: file and locator
    first_locator  VARCHAR NOT NULL,
    last_file      VARCHAR NOT NULL,         -- and its last
    last_locator   VARCHAR NOT NULL,
    n_articles     INTEGER NOT NULL,
    worker         VARCHAR,                  -- host:pid of the process that ran the NLP
    loaded_at      TIMESTAMP NOT NULL
);
