-- Events (PLOVER-coded: who does or intends what towards whom) and statements (who talks to or about which
-- state, with the statement's tone; the relation flag marks statements about the relationship itself).
-- Every start/end is a character offset into articles.text. See docs/schema.md.

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    quote_id          VARCHAR,               -- quotes.quote_id when the event is reported inside a quotation
    sentence_no       INTEGER,
    start             INTEGER NOT NULL,      -- the sentence
    "end"             INTEGER NOT NULL,
    text              VARCHAR NOT NULL,      -- the sentence's text
    trigger_text      VARCHAR NOT NULL,      -- the cue word or phrase ("vereinbart", "Sanktionen")
    trigger_start     INTEGER NOT NULL,
    trigger_end       INTEGER NOT NULL,
    category          VARCHAR NOT NULL,      -- PLOVER: AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST
                                             -- ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT
    mode              VARCHAR NOT NULL,      -- actual | intended | negated
    source_text       VARCHAR,
    source_start      INTEGER,
    source_end        INTEGER,
    source_name       VARCHAR,
    source_country    VARCHAR,               -- ISO 3166 alpha-3 or an organisation code
    source_actor_id   VARCHAR,
    target_text       VARCHAR,
    target_start      INTEGER,
    target_end        INTEGER,
    target_name       VARCHAR,
    target_country    VARCHAR,
    target_actor_id   VARCHAR,
    date              VARCHAR,               -- ISO at its precision: 2021, 2023-04, 2021-12-02
    date_precision    VARCHAR,               -- year | month | day
    date_text         VARCHAR,               -- the expression the date was read from, null = article date
    location          VARCHAR,
    score             DOUBLE                 -- -10 (conflict) … +10 (cooperation), by category and mode
);

CREATE TABLE statements (
    statement_id      VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    quote_id          VARCHAR,               -- the quotation, or null for a narrator's sentence about a relation
    sentence_no       INTEGER,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    speaker_country   VARCHAR,
    source_country    VARCHAR NOT NULL,      -- the speaker's state; for a narrator's relation sentence one of the pair
    target_country    VARCHAR NOT NULL,      -- the state spoken to or about
    basis             VARCHAR NOT NULL,      -- addressee | mention | relation
    relation          BOOLEAN NOT NULL,      -- a statement about the relationship between source and target itself
    tone              DOUBLE                 -- -1 … +1
);
