-- Schema version 8: large documents in the file store beside the database (docs/protocol.md,
-- "Attachments"). Same SQL on H2 and PostgreSQL.
--
-- content_file names the document's sealed file in the content-addressed store (the SHA-256 of the
-- file's bytes, lower-case hex); such a row has no content of its own. The file is written and
-- synced before the transaction that inserts the row commits, so an accepted document always has
-- its file; a file no row names is an orphan of an accept that did not commit, and is swept.
ALTER TABLE documents ADD COLUMN content_file VARCHAR(64);
-- file_sealed: whether the file was sealed when written (a store may get its key later).
ALTER TABLE documents ADD COLUMN file_sealed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE documents ALTER COLUMN content DROP NOT NULL;
CREATE INDEX documents_by_file ON documents (content_file);
