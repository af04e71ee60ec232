-- PostgreSQL twin of ../006_lead_erasure.sql: the same change with BIGINT for every integer.
-- GDPR erasure is a state of its own: the retention pass skips leads already erased, and the
-- time of the erasure is kept (the personal fields themselves are gone).
ALTER TABLE leads ADD COLUMN erased_at BIGINT;
CREATE INDEX leads_not_erased ON leads(created_at) WHERE erased_at IS NULL;
