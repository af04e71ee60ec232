-- PostgreSQL twin of ../008_change_log.sql: the same change log (one row per entity, its newest
-- sequence number), kept by trigger functions instead of SQLite's trigger bodies.
--
-- Order across instances: a sequence number is taken under the writers' advisory lock
-- (db/postgres_connection.cpp), held until the transaction ends. So no transaction can take a
-- number while one with a smaller number is still uncommitted, and a reader that has seen N
-- has seen every change numbered below N: GET /api/sync's cursor skips nothing, whichever
-- instance answers.
CREATE TABLE change_log (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity    TEXT NOT NULL,                     -- lead, interaction, task, settings
  entity_id BIGINT NOT NULL                    -- the row's id; 0 for the settings document
);
CREATE UNIQUE INDEX change_log_entity ON change_log(entity, entity_id);

-- An entity changed: its row moves to a new, highest sequence number.
CREATE FUNCTION change_log_note(kind TEXT, id BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4242);
  DELETE FROM change_log WHERE entity = kind AND entity_id = id;
  INSERT INTO change_log(entity, entity_id) VALUES (kind, id);
END $$;

INSERT INTO change_log(entity, entity_id) SELECT 'lead', id FROM leads ORDER BY id;
INSERT INTO change_log(entity, entity_id) SELECT 'interaction', id FROM interactions ORDER BY id;
INSERT INTO change_log(entity, entity_id) SELECT 'task', id FROM tasks ORDER BY id;
INSERT INTO change_log(entity, entity_id) SELECT 'settings', 0 WHERE EXISTS (SELECT 1 FROM settings);

-- leads, interactions and tasks log their own id (TG_ARGV[0] names the entity); a row whose id
-- changed logs the old id too (a tombstone for it).
CREATE FUNCTION change_log_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM change_log_note(TG_ARGV[0], OLD.id);
  ELSE
    IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
      PERFORM change_log_note(TG_ARGV[0], OLD.id);
    END IF;
    PERFORM change_log_note(TG_ARGV[0], NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER change_log_lead AFTER INSERT OR UPDATE OR DELETE ON leads
  FOR EACH ROW EXECUTE FUNCTION change_log_row('lead');
CREATE TRIGGER change_log_interaction AFTER INSERT OR UPDATE OR DELETE ON interactions
  FOR EACH ROW EXECUTE FUNCTION change_log_row('interaction');
CREATE TRIGGER change_log_task AFTER INSERT OR UPDATE OR DELETE ON tasks
  FOR EACH ROW EXECUTE FUNCTION change_log_row('task');

-- The settings are one document for the client (GET /api/settings), whatever the key.
CREATE FUNCTION change_log_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM change_log_note('settings', 0);
  RETURN NULL;
END $$;
CREATE TRIGGER change_log_settings AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION change_log_settings();
