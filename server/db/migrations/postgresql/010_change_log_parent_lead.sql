-- PostgreSQL twin of ../010_change_log_parent_lead.sql: a call logged or an appointment changed
-- sends its lead again (the lead's sync copy carries its recent calls and booked slot).
CREATE FUNCTION change_log_call_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.kind = 'call' THEN PERFORM change_log_note('lead', OLD.lead_id); END IF;
  ELSIF TG_OP = 'INSERT' THEN
    IF NEW.kind = 'call' THEN PERFORM change_log_note('lead', NEW.lead_id); END IF;
  ELSIF NEW.kind = 'call' OR OLD.kind = 'call' THEN
    IF OLD.lead_id <> NEW.lead_id THEN PERFORM change_log_note('lead', OLD.lead_id); END IF;
    PERFORM change_log_note('lead', NEW.lead_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER change_log_call_lead AFTER INSERT OR UPDATE OR DELETE ON interactions
  FOR EACH ROW EXECUTE FUNCTION change_log_call_lead();

CREATE FUNCTION change_log_appointment_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM change_log_note('lead', OLD.lead_id);
  ELSE
    IF TG_OP = 'UPDATE' AND OLD.lead_id <> NEW.lead_id THEN PERFORM change_log_note('lead', OLD.lead_id); END IF;
    PERFORM change_log_note('lead', NEW.lead_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER change_log_appointment_lead AFTER INSERT OR UPDATE OR DELETE ON appointments
  FOR EACH ROW EXECUTE FUNCTION change_log_appointment_lead();
