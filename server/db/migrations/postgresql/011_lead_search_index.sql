-- PostgreSQL twin of ../011_lead_search_index.sql: free-text search over leads (GET
-- /api/leads?q=) through pg_trgm's trigram GIN indexes, one per searched column, in place of
-- SQLite's FTS5 trigram table. A query of 3 characters or more matches where the text occurs
-- inside one column, case-insensitively (ILIKE '%q%', which these indexes answer); the results
-- are the same as SQLite's (tests/server/leads_test.cpp compares both with a brute-force scan).
-- pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX lead_search_first_name ON leads USING gin (first_name gin_trgm_ops);
CREATE INDEX lead_search_last_name ON leads USING gin (last_name gin_trgm_ops);
CREATE INDEX lead_search_phone ON leads USING gin (phone gin_trgm_ops);
CREATE INDEX lead_search_phone_e164 ON leads USING gin (phone_e164 gin_trgm_ops);
CREATE INDEX lead_search_email ON leads USING gin (email gin_trgm_ops);
CREATE INDEX lead_search_city ON leads USING gin (city gin_trgm_ops);
CREATE INDEX lead_search_zip ON leads USING gin (zip gin_trgm_ops);
