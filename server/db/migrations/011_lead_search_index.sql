-- Free-text search over leads (GET /api/leads?q=) without reading every row: an FTS5 index of
-- trigrams on the seven searched columns. A phrase query of 3 or more characters matches where
-- the text occurs inside one column, case-insensitively (Unicode case folding): the semantics
-- of the seven `LIKE '%q%'` it replaces, at the cost of an index instead of a full scan. Shorter
-- queries still use LIKE (a trigram index cannot answer them).
-- External content (content='leads'): the text lives once, in `leads`; the triggers keep the
-- index in step with every write path, and the index can be rebuilt from the table with
-- INSERT INTO lead_search(lead_search) VALUES ('rebuild').
CREATE VIRTUAL TABLE lead_search USING fts5(
  first_name, last_name, phone, phone_e164, email, city, zip,
  content = 'leads', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO lead_search(lead_search) VALUES ('rebuild');

CREATE TRIGGER lead_search_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_search(rowid, first_name, last_name, phone, phone_e164, email, city, zip)
  VALUES (NEW.id, NEW.first_name, NEW.last_name, NEW.phone, NEW.phone_e164, NEW.email, NEW.city, NEW.zip);
END;
CREATE TRIGGER lead_search_delete AFTER DELETE ON leads BEGIN
  INSERT INTO lead_search(lead_search, rowid, first_name, last_name, phone, phone_e164, email, city, zip)
  VALUES ('delete', OLD.id, OLD.first_name, OLD.last_name, OLD.phone, OLD.phone_e164, OLD.email, OLD.city, OLD.zip);
END;
-- Only when a searched column changes: an outcome or a stage move (most writes) costs nothing.
CREATE TRIGGER lead_search_update AFTER UPDATE OF id, first_name, last_name, phone, phone_e164, email, city, zip
ON leads BEGIN
  INSERT INTO lead_search(lead_search, rowid, first_name, last_name, phone, phone_e164, email, city, zip)
  VALUES ('delete', OLD.id, OLD.first_name, OLD.last_name, OLD.phone, OLD.phone_e164, OLD.email, OLD.city, OLD.zip);
  INSERT INTO lead_search(rowid, first_name, last_name, phone, phone_e164, email, city, zip)
  VALUES (NEW.id, NEW.first_name, NEW.last_name, NEW.phone, NEW.phone_e164, NEW.email, NEW.city, NEW.zip);
END;
