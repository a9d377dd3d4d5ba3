-- Schema version 5: which stored message a log entry is about. Two stored messages can share a
-- message id (ours to a partner, and a partner's to us, or two partners'): the id is unique only per
-- direction and partner. A timeline is therefore read by the message's pk, never by its id alone.
-- The column is a lookup key beside the hashed fields, not one of them (docs/message-log.md); it
-- stays empty for entries about no stored message (rejections, logins, denied calls) and for
-- entries written before this version, which a timeline still shows when their id is unambiguous.
-- Timelines find their rows by message_id (indexed) and filter on this column, so it needs no
-- index of its own. Same SQL on H2 and PostgreSQL.
ALTER TABLE message_log ADD COLUMN message_pk BIGINT;
