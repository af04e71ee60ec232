-- Copying a delivery's share link again without issuing a new one (issue 18). Only the token's
-- SHA-256 is stored, so the token itself cannot be read back; it is derived instead: HMAC-SHA256
-- of the delivery id and this per-issue nonce under the server's share-link key, a secret kept
-- outside the database (CRM_SHARE_LINK_KEY, or share-link.key beside the database file, never
-- in backups). The database alone still gives no working link. NULL: a link issued before this
-- version (random, not derivable): "Nouveau lien" replaces it.
ALTER TABLE deliveries ADD COLUMN share_link_nonce TEXT;
