-- Schema version 6: log encoding v2 (docs/message-log.md, store.LogEncoding). Each entry's hash
-- commits to a digest of its fields and a random salt, so that an evidence bundle can carry other
-- cases' entries as digests only. Entries written before this version keep their v1 hashes and
-- have no salt; log_encoding records the first seq written in v2 (the next one at upgrade time),
-- so that verifying picks each entry's encoding by its seq. The head row is locked first, so that
-- no append can slip in between reading it and recording where v2 begins. Upgrade every node
-- sharing a database together: a node of an older version would keep appending in v1.
-- Same SQL on H2 and PostgreSQL.
ALTER TABLE message_log ADD COLUMN salt VARCHAR(32);

CREATE TABLE log_encoding (
    id               INT          NOT NULL PRIMARY KEY,
    v2_from_seq      BIGINT       NOT NULL,
    CONSTRAINT log_encoding_single_row CHECK (id = 1)
);

UPDATE log_head SET seq = seq WHERE id = 1;
INSERT INTO log_encoding (id, v2_from_seq) SELECT id, seq + 1 FROM log_head WHERE id = 1;
