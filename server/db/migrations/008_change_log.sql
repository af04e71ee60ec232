-- What the offline console keeps (leads, interactions, tasks, settings) changes under a
-- sequence number, so GET /api/sync returns only what moved since the client's cursor.
-- Triggers fill it, so every write path is covered (routes, automations, merges, cascades)
-- without a line of route code. Only an entity's newest change matters: each trigger deletes
-- the entity's previous row, which keeps one row per entity (a deleted entity keeps its row as
-- the tombstone that tells clients to drop it). AUTOINCREMENT: a sequence number is never
-- reused, even after the newest row has been replaced.
CREATE TABLE change_log (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  entity    TEXT NOT NULL,                     -- lead, interaction, task, settings
  entity_id INTEGER NOT NULL                   -- the row's id; 0 for the settings document
);
CREATE UNIQUE INDEX change_log_entity ON change_log(entity, entity_id);

-- A first sync sees everything that exists today.
INSERT INTO change_log(entity, entity_id) SELECT 'lead', id FROM leads ORDER BY id;
INSERT INTO change_log(entity, entity_id) SELECT 'interaction', id FROM interactions ORDER BY id;
INSERT INTO change_log(entity, entity_id) SELECT 'task', id FROM tasks ORDER BY id;
INSERT INTO change_log(entity, entity_id) SELECT 'settings', 0 WHERE EXISTS (SELECT 1 FROM settings);

CREATE TRIGGER change_log_lead_insert AFTER INSERT ON leads BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id = NEW.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', NEW.id);
END;
CREATE TRIGGER change_log_lead_update AFTER UPDATE ON leads BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id IN (OLD.id, NEW.id);
  INSERT INTO change_log(entity, entity_id) SELECT 'lead', OLD.id WHERE OLD.id <> NEW.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', NEW.id);
END;
CREATE TRIGGER change_log_lead_delete AFTER DELETE ON leads BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id = OLD.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', OLD.id);
END;

CREATE TRIGGER change_log_interaction_insert AFTER INSERT ON interactions BEGIN
  DELETE FROM change_log WHERE entity = 'interaction' AND entity_id = NEW.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('interaction', NEW.id);
END;
CREATE TRIGGER change_log_interaction_update AFTER UPDATE ON interactions BEGIN
  DELETE FROM change_log WHERE entity = 'interaction' AND entity_id IN (OLD.id, NEW.id);
  INSERT INTO change_log(entity, entity_id) SELECT 'interaction', OLD.id WHERE OLD.id <> NEW.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('interaction', NEW.id);
END;
CREATE TRIGGER change_log_interaction_delete AFTER DELETE ON interactions BEGIN
  DELETE FROM change_log WHERE entity = 'interaction' AND entity_id = OLD.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('interaction', OLD.id);
END;

CREATE TRIGGER change_log_task_insert AFTER INSERT ON tasks BEGIN
  DELETE FROM change_log WHERE entity = 'task' AND entity_id = NEW.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('task', NEW.id);
END;
CREATE TRIGGER change_log_task_update AFTER UPDATE ON tasks BEGIN
  DELETE FROM change_log WHERE entity = 'task' AND entity_id IN (OLD.id, NEW.id);
  INSERT INTO change_log(entity, entity_id) SELECT 'task', OLD.id WHERE OLD.id <> NEW.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('task', NEW.id);
END;
CREATE TRIGGER change_log_task_delete AFTER DELETE ON tasks BEGIN
  DELETE FROM change_log WHERE entity = 'task' AND entity_id = OLD.id;
  INSERT INTO change_log(entity, entity_id) VALUES ('task', OLD.id);
END;

-- The settings are one document for the client (GET /api/settings), whatever the key.
CREATE TRIGGER change_log_settings_insert AFTER INSERT ON settings BEGIN
  DELETE FROM change_log WHERE entity = 'settings' AND entity_id = 0;
  INSERT INTO change_log(entity, entity_id) VALUES ('settings', 0);
END;
CREATE TRIGGER change_log_settings_update AFTER UPDATE ON settings BEGIN
  DELETE FROM change_log WHERE entity = 'settings' AND entity_id = 0;
  INSERT INTO change_log(entity, entity_id) VALUES ('settings', 0);
END;
CREATE TRIGGER change_log_settings_delete AFTER DELETE ON settings BEGIN
  DELETE FROM change_log WHERE entity = 'settings' AND entity_id = 0;
  INSERT INTO change_log(entity, entity_id) VALUES ('settings', 0);
END;
