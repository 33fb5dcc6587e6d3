-- The session cache of every server (modules/auth/session.cache.ts, decision 022) is told on commit
-- when a row it copies changes: a session ended or revoked, an account's name, scope, password, lock
-- flags or roles changed, a unit renamed, moved or retyped. NOTIFY is sent at commit and never for a
-- rolled-back change; payloads 's:<session id>', 'u:<user id>' or '*' (forget everything).
CREATE OR REPLACE FUNCTION xf_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('xf_auth', '*');
  ELSIF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('xf_auth', 's:' || OLD.id);
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('xf_auth', 'u:' || OLD.id);
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('xf_auth', 'u:' || OLD.user_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('xf_auth', 'u:' || NEW.user_id);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_notify_delete AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_notify_update AFTER UPDATE ON sessions FOR EACH ROW WHEN ((OLD.id, OLD.user_id, OLD.csrf_token, OLD.created_at, OLD.revoked_at) IS DISTINCT FROM (NEW.id, NEW.user_id, NEW.csrf_token, NEW.created_at, NEW.revoked_at)) EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER users_auth_notify_delete AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER users_auth_notify_update AFTER UPDATE ON users FOR EACH ROW WHEN ((OLD.id, OLD.username, OLD.display_name, OLD.password_hash, OLD.must_change_password, OLD.scope_unit_id, OLD.disabled) IS DISTINCT FROM (NEW.id, NEW.username, NEW.display_name, NEW.password_hash, NEW.must_change_password, NEW.scope_unit_id, NEW.disabled)) EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER user_roles_auth_notify AFTER INSERT OR UPDATE OR DELETE ON user_roles FOR EACH ROW EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER org_units_auth_notify AFTER UPDATE OF id, path, name, kind OR DELETE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_notify_truncate AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER users_auth_notify_truncate AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER user_roles_auth_notify_truncate AFTER TRUNCATE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION xf_auth_notify();
--> statement-breakpoint
CREATE TRIGGER org_units_auth_notify_truncate AFTER TRUNCATE ON org_units FOR EACH STATEMENT EXECUTE FUNCTION xf_auth_notify();
