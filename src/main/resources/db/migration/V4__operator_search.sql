-- Operator search (the message-log pages and `gateway log search`). Same SQL on H2 and PostgreSQL.
--
-- message_search holds, per message, its operator subject and a normalised search text: subject and
-- summary fields (kind, request type, measures, offence categories, legal bases, ...) folded in Java
-- (Unicode NFKC, lower case, ё as е) when the message is accepted or submitted. The search compares
-- it with LIKE against a query folded the same way, so Cyrillic Kazakh and Russian match whatever
-- the database's collation or LOWER() would do. Rows of messages stored before this version are
-- filled by the gateway at start-up (Store.backfillSearch).
CREATE TABLE message_search (
    message_pk       BIGINT        NOT NULL PRIMARY KEY REFERENCES messages (pk),
    subject          VARCHAR(600),
    search_text      VARCHAR(4000) NOT NULL
);

-- The log page lists newest first and pages by (time, key).
CREATE INDEX messages_by_created ON messages (created_at, pk);
-- Rejected attempts are log entries; the log page lists them beside the messages.
CREATE INDEX message_log_by_event_time ON message_log (event, at_micros, seq);
