-- PostgreSQL twin of ../009_idempotency_request_hash.sql: the same change with BIGINT for every integer.
-- Idempotency-Key on writes (server/http/idempotency.cpp): a key sent again with another body
-- is refused, so the record keeps the SHA-256 of the first body; the replayed answer keeps its
-- content type. status 0 marks a request still running. Old records are pruned by created_at.
ALTER TABLE idempotency_keys ADD COLUMN body_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN content_type TEXT NOT NULL DEFAULT '';
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
