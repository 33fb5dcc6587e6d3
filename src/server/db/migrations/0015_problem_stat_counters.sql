-- 办理统计's counters (decision 034): kept by triggers in the transaction that writes a problem or its
-- assignments, so /api/problems/stats reads a few hundred counter rows instead of every problem.
-- A problem counts under '/' and under its top-level unit ('/1/'): the scopes of region users.
CREATE TABLE "problem_dept_stat_days" (
	"scope_prefix" text NOT NULL,
	"raised_on" date NOT NULL,
	"dept_unit_id" integer NOT NULL,
	"n" integer NOT NULL,
	"assigned" integer NOT NULL,
	"answered" integer NOT NULL,
	"on_time" integer NOT NULL,
	"returned" integer NOT NULL,
	"days_sum" integer NOT NULL,
	"days_n" integer NOT NULL,
	CONSTRAINT "problem_dept_stat_days_scope_prefix_raised_on_dept_unit_id_pk" PRIMARY KEY("scope_prefix","raised_on","dept_unit_id")
);
--> statement-breakpoint
CREATE TABLE "problem_dept_stat_due" (
	"scope_prefix" text NOT NULL,
	"raised_on" date NOT NULL,
	"dept_unit_id" integer NOT NULL,
	"due" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "problem_dept_stat_due_scope_prefix_raised_on_dept_unit_id_due_pk" PRIMARY KEY("scope_prefix","raised_on","dept_unit_id","due")
);
--> statement-breakpoint
CREATE TABLE "problem_stat_days" (
	"scope_prefix" text NOT NULL,
	"raised_on" date NOT NULL,
	"lead_dept_id" integer NOT NULL,
	"total" integer NOT NULL,
	"closed" integer NOT NULL,
	"closed_on_time" integer NOT NULL,
	"open_late" integer NOT NULL,
	"fed_back" integer NOT NULL,
	"feedback_on_time" integer NOT NULL,
	"ratings" integer NOT NULL,
	"satisfied" integer NOT NULL,
	"close_days_sum" integer NOT NULL,
	"close_days_count" integer NOT NULL,
	CONSTRAINT "problem_stat_days_scope_prefix_raised_on_lead_dept_id_pk" PRIMARY KEY("scope_prefix","raised_on","lead_dept_id")
);
--> statement-breakpoint
CREATE TABLE "problem_stat_due" (
	"scope_prefix" text NOT NULL,
	"raised_on" date NOT NULL,
	"lead_dept_id" integer NOT NULL,
	"kind" smallint NOT NULL,
	"due" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "problem_stat_due_scope_prefix_raised_on_lead_dept_id_kind_due_pk" PRIMARY KEY("scope_prefix","raised_on","lead_dept_id","kind","due")
);
--> statement-breakpoint
CREATE FUNCTION xf_stat_prefixes(p text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY['/', substring(p from '^/[0-9]+/')], NULL)
$$;
--> statement-breakpoint
-- Adds p_new's contribution and takes p_old's away (either may be NULL), one upsert per key in key order
-- (two writers lock counter rows in the same order: no deadlock between them).
CREATE FUNCTION xf_problem_stat_apply(p_old problems, p_new problems) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH r AS (
    SELECT -1 AS s, (p_old).* WHERE (p_old).id IS NOT NULL
    UNION ALL
    SELECT 1 AS s, (p_new).* WHERE (p_new).id IS NOT NULL
  ), x AS (
    SELECT r.*, pre, coalesce(r.lead_dept_unit_id, 0) AS lead,
      (r.status IN ('rated', 'closed'))::int AS fin
    FROM r, unnest(xf_stat_prefixes(r.scope_path)) AS pre
  )
  INSERT INTO problem_stat_days AS c (scope_prefix, raised_on, lead_dept_id, total, closed, closed_on_time,
    open_late, fed_back, feedback_on_time, ratings, satisfied, close_days_sum, close_days_count)
  SELECT pre, raised_on, lead, sum(s), sum(s * fin), sum(s * fin * (on_time IS TRUE)::int),
    sum(s * (1 - fin) * (late_rounds > 0)::int), sum(s * (fed_back_at IS NOT NULL)::int),
    sum(s * (feedback_on_time IS TRUE)::int), sum(s * ratings_total), sum(s * ratings_satisfied),
    sum(s * fin * coalesce(close_working_days, 0)), sum(s * fin * (close_working_days IS NOT NULL)::int)
  FROM x GROUP BY pre, raised_on, lead
  HAVING (sum(s), sum(s * fin), sum(s * fin * (on_time IS TRUE)::int), sum(s * (1 - fin) * (late_rounds > 0)::int),
    sum(s * (fed_back_at IS NOT NULL)::int), sum(s * (feedback_on_time IS TRUE)::int), sum(s * ratings_total),
    sum(s * ratings_satisfied), sum(s * fin * coalesce(close_working_days, 0)),
    sum(s * fin * (close_working_days IS NOT NULL)::int)) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ORDER BY pre, raised_on, lead
  ON CONFLICT (scope_prefix, raised_on, lead_dept_id) DO UPDATE SET
    total = c.total + excluded.total, closed = c.closed + excluded.closed,
    closed_on_time = c.closed_on_time + excluded.closed_on_time, open_late = c.open_late + excluded.open_late,
    fed_back = c.fed_back + excluded.fed_back, feedback_on_time = c.feedback_on_time + excluded.feedback_on_time,
    ratings = c.ratings + excluded.ratings, satisfied = c.satisfied + excluded.satisfied,
    close_days_sum = c.close_days_sum + excluded.close_days_sum,
    close_days_count = c.close_days_count + excluded.close_days_count;

  -- What the clock makes overdue, by due date: 1 = open, unanswered, no late round (answer due);
  -- 2 = open, not fed back (feedback due).
  WITH r AS (
    SELECT -1 AS s, (p_old).* WHERE (p_old).id IS NOT NULL
    UNION ALL
    SELECT 1 AS s, (p_new).* WHERE (p_new).id IS NOT NULL
  ), x AS (
    SELECT r.s, r.raised_on, pre, coalesce(r.lead_dept_unit_id, 0) AS lead, k.kind, k.due
    FROM r, unnest(xf_stat_prefixes(r.scope_path)) AS pre,
      LATERAL (VALUES (1::smallint, r.answer_due, r.answered_at IS NULL AND (r.late_rounds > 0) IS NOT TRUE),
                      (2::smallint, r.feedback_due, r.fed_back_at IS NULL)) AS k(kind, due, counts)
    WHERE r.status NOT IN ('rated', 'closed') AND k.counts AND k.due IS NOT NULL
  )
  INSERT INTO problem_stat_due AS c (scope_prefix, raised_on, lead_dept_id, kind, due, n)
  SELECT pre, raised_on, lead, kind, due, sum(s) FROM x
  GROUP BY pre, raised_on, lead, kind, due HAVING sum(s) <> 0
  ORDER BY pre, raised_on, lead, kind, due
  ON CONFLICT (scope_prefix, raised_on, lead_dept_id, kind, due) DO UPDATE SET n = c.n + excluded.n;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION xf_problem_stat_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM xf_problem_stat_apply(NULL, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM xf_problem_stat_apply(OLD, NULL);
  ELSE
    PERFORM xf_problem_stat_apply(OLD, NEW);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER problems_stat_insert_delete AFTER INSERT OR DELETE ON problems FOR EACH ROW EXECUTE FUNCTION xf_problem_stat_trigger();
--> statement-breakpoint
CREATE TRIGGER problems_stat_update AFTER UPDATE ON problems FOR EACH ROW WHEN ((OLD.scope_path, OLD.raised_on, OLD.lead_dept_unit_id, OLD.status, OLD.on_time, OLD.late_rounds, OLD.answered_at IS NULL, OLD.answer_due, OLD.fed_back_at IS NULL, OLD.feedback_due, OLD.feedback_on_time, OLD.ratings_total, OLD.ratings_satisfied, OLD.close_working_days) IS DISTINCT FROM (NEW.scope_path, NEW.raised_on, NEW.lead_dept_unit_id, NEW.status, NEW.on_time, NEW.late_rounds, NEW.answered_at IS NULL, NEW.answer_due, NEW.fed_back_at IS NULL, NEW.feedback_due, NEW.feedback_on_time, NEW.ratings_total, NEW.ratings_satisfied, NEW.close_working_days)) EXECUTE FUNCTION xf_problem_stat_trigger();
--> statement-breakpoint
-- An assignment counts with its problem's scope and raising day (problems are never deleted and
-- neither changes after raising; a problem's own trigger covers its columns).
CREATE FUNCTION xf_problem_dept_stat_apply(p_old problem_assignments, p_new problem_assignments) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH r AS (
    SELECT -1 AS s, (p_old).* WHERE (p_old).problem_id IS NOT NULL
    UNION ALL
    SELECT 1 AS s, (p_new).* WHERE (p_new).problem_id IS NOT NULL
  ), x AS (
    SELECT r.*, pre, p.raised_on, (r.status = 'answered')::int AS ans
    FROM r JOIN problems p ON p.id = r.problem_id, unnest(xf_stat_prefixes(p.scope_path)) AS pre
  )
  INSERT INTO problem_dept_stat_days AS c (scope_prefix, raised_on, dept_unit_id, n, assigned, answered, on_time,
    returned, days_sum, days_n)
  SELECT pre, raised_on, dept_unit_id, sum(s), sum(s * (status <> 'returned')::int), sum(s * ans),
    sum(s * ans * (answer_on_time IS TRUE)::int), sum(s * (status = 'returned')::int),
    sum(s * ans * coalesce(answer_working_days, 0)), sum(s * ans * (answer_working_days IS NOT NULL)::int)
  FROM x GROUP BY pre, raised_on, dept_unit_id
  HAVING (sum(s), sum(s * (status <> 'returned')::int), sum(s * ans), sum(s * ans * (answer_on_time IS TRUE)::int),
    sum(s * (status = 'returned')::int), sum(s * ans * coalesce(answer_working_days, 0)),
    sum(s * ans * (answer_working_days IS NOT NULL)::int)) <> (0, 0, 0, 0, 0, 0, 0)
  ORDER BY pre, raised_on, dept_unit_id
  ON CONFLICT (scope_prefix, raised_on, dept_unit_id) DO UPDATE SET
    n = c.n + excluded.n, assigned = c.assigned + excluded.assigned, answered = c.answered + excluded.answered,
    on_time = c.on_time + excluded.on_time, returned = c.returned + excluded.returned,
    days_sum = c.days_sum + excluded.days_sum, days_n = c.days_n + excluded.days_n;

  WITH r AS (
    SELECT -1 AS s, (p_old).* WHERE (p_old).problem_id IS NOT NULL
    UNION ALL
    SELECT 1 AS s, (p_new).* WHERE (p_new).problem_id IS NOT NULL
  ), x AS (
    SELECT r.s, r.dept_unit_id, r.answer_due AS due, pre, p.raised_on
    FROM r JOIN problems p ON p.id = r.problem_id, unnest(xf_stat_prefixes(p.scope_path)) AS pre
    WHERE r.status IN ('to_sign', 'in_hand') AND r.answer_due IS NOT NULL
  )
  INSERT INTO problem_dept_stat_due AS c (scope_prefix, raised_on, dept_unit_id, due, n)
  SELECT pre, raised_on, dept_unit_id, due, sum(s) FROM x
  GROUP BY pre, raised_on, dept_unit_id, due HAVING sum(s) <> 0
  ORDER BY pre, raised_on, dept_unit_id, due
  ON CONFLICT (scope_prefix, raised_on, dept_unit_id, due) DO UPDATE SET n = c.n + excluded.n;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION xf_problem_dept_stat_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM xf_problem_dept_stat_apply(NULL, NEW);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM xf_problem_dept_stat_apply(OLD, NULL);
  ELSE
    PERFORM xf_problem_dept_stat_apply(OLD, NEW);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER problem_assignments_stat AFTER INSERT OR UPDATE OR DELETE ON problem_assignments FOR EACH ROW EXECUTE FUNCTION xf_problem_dept_stat_trigger();
--> statement-breakpoint
-- The rows already written.
SELECT xf_problem_stat_apply(NULL, p) FROM problems p;
--> statement-breakpoint
SELECT xf_problem_dept_stat_apply(NULL, a) FROM problem_assignments a;
--> statement-breakpoint
-- The ledger's due order (answer_due, id desc) for a department's queue sorted by due date; a township's
-- people page ids first (org_path, pinyin, id); 工作单位 substring search by trigrams (decision 034).
DROP INDEX "problems_open_idx";--> statement-breakpoint
CREATE INDEX "people_org_path_pinyin_idx" ON "people" USING btree ("org_path" text_pattern_ops,"pinyin","id");--> statement-breakpoint
CREATE INDEX "people_employer_trgm_idx" ON "people" USING gin ("employer_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "problems_open_idx" ON "problems" USING btree ("answer_due","id" DESC NULLS FIRST) WHERE "problems"."status" not in ('rated', 'closed');