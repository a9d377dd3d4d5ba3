-- Schema version 3: the large values (raw envelope, message XML, document content) are stored out
-- of the row. The placeholder is BINARY LARGE OBJECT on H2, which writes them in blocks and keeps
-- only a reference in the row, so a 25 MB message is never serialised as one row page; on PostgreSQL it stays BYTEA, which
-- TOAST already keeps out of row. See store/Dialect.
ALTER TABLE messages ALTER COLUMN envelope SET DATA TYPE ${large_binary};
ALTER TABLE messages ALTER COLUMN message_xml SET DATA TYPE ${large_binary};
ALTER TABLE documents ALTER COLUMN content SET DATA TYPE ${large_binary};
