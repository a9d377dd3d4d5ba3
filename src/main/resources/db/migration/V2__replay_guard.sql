-- Signature values seen inside their timestamp window (PROTOCOL.md "Replay").
CREATE TABLE seen_signatures (
    signature_sha256 VARCHAR(64) PRIMARY KEY,
    expires_at       BIGINT      NOT NULL  -- epoch microseconds
);
CREATE INDEX seen_signatures_by_expiry ON seen_signatures (expires_at);
