-- A problem's history is append-only: its steps are evidence (首办负责制, 限时办结), so ordinary
-- UPDATE, DELETE and TRUNCATE of problem_events are refused. The projection columns in problems and
-- problem_assignments are rewritten from this history and are not protected.
CREATE OR REPLACE FUNCTION problem_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'problem_events is append-only (问题办理记录只能追加，不能修改或删除)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER problem_events_no_update_delete BEFORE UPDATE OR DELETE ON problem_events FOR EACH ROW EXECUTE FUNCTION problem_events_append_only();
--> statement-breakpoint
CREATE TRIGGER problem_events_no_truncate BEFORE TRUNCATE ON problem_events FOR EACH STATEMENT EXECUTE FUNCTION problem_events_append_only();
