-- concord schema 1: the shared translation memory and termbase.
--
-- concord_meta holds one row. Every write transaction first does
-- `UPDATE concord_meta SET revision = revision + 1 RETURNING revision`: the row lock
-- serialises writers, so revisions commit in order and a reader that has seen
-- revision R finds every later change with `rev > R`. `epoch` grows when rows are
-- deleted (dedupe): followers then reload everything.
CREATE TABLE concord_meta (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision    bigint  NOT NULL DEFAULT 0,
    epoch       bigint  NOT NULL DEFAULT 0,
    tb_revision bigint  NOT NULL DEFAULT 0
);
INSERT INTO concord_meta DEFAULT VALUES;

-- One translation unit. `pair_key` = sha256(ru || NUL || en) in UTF-8, computed by the
-- INSERT statements (text cannot hold NUL, so the key is unambiguous): the same pair
-- is stored once, however many writers add it at once.
CREATE TABLE memory_entry (
    id          bigserial   PRIMARY KEY,
    rev         bigint      NOT NULL,
    pair_key    bytea       NOT NULL UNIQUE,
    ru          text        NOT NULL,
    en          text        NOT NULL,
    note        text        NOT NULL DEFAULT '',
    extra       jsonb       NOT NULL DEFAULT '[]',
    source_file text        NOT NULL DEFAULT '',
    source_line integer     NOT NULL DEFAULT 0,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    status      text        NOT NULL DEFAULT 'unreviewed'
                CHECK (status IN ('unreviewed', 'approved', 'rejected'))
);
CREATE INDEX memory_entry_rev ON memory_entry (rev);

-- One termbase concept; `key` is the concept id (an import skips ids already there).
CREATE TABLE termbase_concept (
    id          bigserial   PRIMARY KEY,
    rev         bigint      NOT NULL,
    key         text        NOT NULL UNIQUE,
    ru          text[]      NOT NULL,
    en          text        NOT NULL,
    variants    text[]      NOT NULL DEFAULT '{}',
    forbidden   text[]      NOT NULL DEFAULT '{}',
    note        text        NOT NULL DEFAULT '',
    case_rule   text        NOT NULL DEFAULT 'auto',
    severity    text        NOT NULL DEFAULT 'error',
    source_file text        NOT NULL DEFAULT '',
    source_line integer     NOT NULL DEFAULT 0,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    status      text        NOT NULL DEFAULT 'unreviewed'
                CHECK (status IN ('unreviewed', 'approved', 'rejected'))
);
