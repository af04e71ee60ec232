-- A lead's sync copy carries what is derived from other tables: its recent outgoing calls
-- (callAttemptTimes, for the 4-in-30-days cap) and whether it holds a booked slot
-- (appointments). A call logged or an appointment changed without the lead row itself being
-- written (an agent's call, a slot moved) must still send the lead again, or the console would
-- rank it on stale facts: these triggers log the parent lead as changed too.
CREATE TRIGGER change_log_call_lead_insert AFTER INSERT ON interactions
WHEN NEW.kind = 'call' BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id = NEW.lead_id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', NEW.lead_id);
END;
CREATE TRIGGER change_log_call_lead_update AFTER UPDATE ON interactions
WHEN NEW.kind = 'call' OR OLD.kind = 'call' BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO change_log(entity, entity_id) SELECT 'lead', OLD.lead_id WHERE OLD.lead_id <> NEW.lead_id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', NEW.lead_id);
END;
CREATE TRIGGER change_log_call_lead_delete AFTER DELETE ON interactions
WHEN OLD.kind = 'call' BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id = OLD.lead_id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', OLD.lead_id);
END;

CREATE TRIGGER change_log_appointment_lead_insert AFTER INSERT ON appointments BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id = NEW.lead_id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', NEW.lead_id);
END;
CREATE TRIGGER change_log_appointment_lead_update AFTER UPDATE ON appointments BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id IN (OLD.lead_id, NEW.lead_id);
  INSERT INTO change_log(entity, entity_id) SELECT 'lead', OLD.lead_id WHERE OLD.lead_id <> NEW.lead_id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', NEW.lead_id);
END;
CREATE TRIGGER change_log_appointment_lead_delete AFTER DELETE ON appointments BEGIN
  DELETE FROM change_log WHERE entity = 'lead' AND entity_id = OLD.lead_id;
  INSERT INTO change_log(entity, entity_id) VALUES ('lead', OLD.lead_id);
END;
