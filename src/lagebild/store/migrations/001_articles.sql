-- Articles as read, the boilerplate/heading segments inside them, duplicate links, and the
-- files or records that could not be read. See docs/schema.md.

CREATE TABLE runs (
    run_id        INTEGER PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,          -- running | finished | failed (a killed run stays 'running')
    command       VARCHAR,
    n_files       INTEGER,
    n_read        INTEGER,
    n_stored      INTEGER,
    n_known       INTEGER,
    n_duplicates  INTEGER,
    n_rejected    INTEGER
);

CREATE TABLE articles (
    article_id            VARCHAR PRIMARY KEY,
    source_file           VARCHAR NOT NULL,
    locator               VARCHAR NOT NULL,  -- '-' for a single-article file, 'line 12', 'row 3', 'item 4'
    outlet                VARCHAR,
    outlet_source         VARCHAR,           -- field | url | html | text
    url                   VARCHAR,
    date                  VARCHAR,           -- ISO text at its precision: 2023, 2023-11, 2023-11-05
    date_precision        VARCHAR,           -- year | month | day
    date_raw              VARCHAR,
    date_flag             VARCHAR,           -- unparsed | invalid | too_early | in_future
    date_start            DATE,              -- first day of the dated period, for ordering and ranges
    title                 VARCHAR,
    text                  VARCHAR NOT NULL,  -- the original text; every offset points into it
    encoding              VARCHAR NOT NULL,
    content_hash          VARCHAR NOT NULL,
    minhash               BLOB,
    duplicate_of          VARCHAR,
    duplicate_kind        VARCHAR,           -- exact | near
    duplicate_similarity  DOUBLE,
    n_chars               INTEGER NOT NULL,
    n_tokens              INTEGER,
    n_sentences           INTEGER,
    run_id                INTEGER NOT NULL
);

CREATE TABLE segments (
    article_id      VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,        -- related | photo_credit | teaser | agency | dateline | link | byline | heading
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    is_boilerplate  BOOLEAN NOT NULL
);

CREATE TABLE sentences (
    article_id   VARCHAR NOT NULL,
    sentence_no  INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL
);

CREATE TABLE rejections (
    source_file  VARCHAR NOT NULL,
    locator      VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    first_run    INTEGER NOT NULL,
    last_run     INTEGER NOT NULL,
    PRIMARY KEY (source_file, locator, reason)
);
