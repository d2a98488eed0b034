-- What the NLP stage finds in articles: actor mentions, the actor registry, quotations and events.
-- Every start/end is a character offset into articles.text. See docs/schema.md.

CREATE TABLE mentions (
    mention_id    VARCHAR PRIMARY KEY,
    article_id    VARCHAR NOT NULL,
    sentence_no   INTEGER,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    label         VARCHAR NOT NULL,          -- PER | ORG | LOC | MISC | ROLE (role phrase) | PRON (pronoun)
    name          VARCHAR,                   -- canonical name within the article ("Dmitri Peskow" for "er")
    kind          VARCHAR,                   -- person | organisation | state | igo | city | other
    role          VARCHAR,
    country       VARCHAR,                   -- ISO 3166 alpha-3 or an organisation code (EU, NATO, UN, OSCE)
    agent_type    VARCHAR,                   -- GOV | MIL | OPP | CVL | MED | BUS | IGO | ...
    chain         INTEGER,                   -- mentions of one actor within the article share it
    actor_id      VARCHAR                    -- actors.actor_id, set by the registry after a run
);

CREATE TABLE actors (
    actor_id      VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    kind          VARCHAR,
    role          VARCHAR,
    country       VARCHAR,
    agent_type    VARCHAR,                   -- GOV | MIL | OPP | CVL | MED | BUS | IGO | ...
    aliases       VARCHAR[],
    n_mentions    INTEGER NOT NULL,
    n_quotes      INTEGER NOT NULL
);

CREATE TABLE quotes (
    quote_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    sentence_no       INTEGER,               -- sentence of the first span
    start             INTEGER NOT NULL,      -- first span's start
    "end"             INTEGER NOT NULL,      -- last span's end
    spans             INTEGER[][] NOT NULL,  -- [[start, end], ...]
    text              VARCHAR NOT NULL,      -- the spans' texts joined by " … "
    type              VARCHAR NOT NULL,      -- Direct | Indirect | Reported | FreeIndirect | IndirectFreeIndirect
    medium            VARCHAR,               -- Speech | Thought | Writing | ST | SW | TW
    cue_text          VARCHAR,
    cue_start         INTEGER,
    cue_end           INTEGER,
    speaker_text      VARCHAR,               -- the words in the text that name the speaker ("er", "Peskow")
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    speaker_name      VARCHAR,               -- resolved within the article ("Dmitri Peskow")
    speaker_role      VARCHAR,
    speaker_country   VARCHAR,
    speaker_mention_id VARCHAR,
    speaker_actor_id  VARCHAR,
    addressee_text    VARCHAR,
    addressee_start   INTEGER,
    addressee_end     INTEGER,
    addressee_name    VARCHAR,
    addressee_role    VARCHAR,
    addressee_country VARCHAR,
    addressee_mention_id VARCHAR,
    addressee_actor_id VARCHAR,
    frame_text        VARCHAR,
    nested_in         VARCHAR,               -- quote_id of the quote this one is quoted inside
    tone              DOUBLE                 -- -1 … +1, filled by the tone stage
);
