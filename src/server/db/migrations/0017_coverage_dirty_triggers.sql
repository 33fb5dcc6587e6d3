-- Decision 032: every write that can change a coverage unit's class appends the entities it touched to
-- coverage_dirty in its own transaction (statement-level triggers over transition tables, so a bulk
-- import appends one row per entity, not per trigger call); the next coverage read reclassifies them.
-- 'p' = a project id, 'f' = an org unit id (a firm, or the parent firm of a party org).
CREATE FUNCTION coverage_dirty_projects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM nt CROSS JOIN LATERAL (VALUES ('p', nt.id), ('f', nt.owner_firm_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM ot CROSS JOIN LATERAL (VALUES ('p', ot.id), ('f', ot.owner_firm_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL;
  ELSE
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id
    FROM nt JOIN ot ON ot.id = nt.id
    CROSS JOIN LATERAL (VALUES ('p', nt.id), ('p', ot.id), ('f', nt.owner_firm_unit_id), ('f', ot.owner_firm_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL
      AND (nt.stage, nt.township_unit_id, nt.owner_firm_unit_id, nt.party_branch_unit_id, nt.commissioner_user_id,
           nt.name, nt.lng, nt.lat, nt.industry)
          IS DISTINCT FROM
          (ot.stage, ot.township_unit_id, ot.owner_firm_unit_id, ot.party_branch_unit_id, ot.commissioner_user_id,
           ot.name, ot.lng, ot.lat, ot.industry);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_projects_ins AFTER INSERT ON projects REFERENCING NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_projects();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_projects_upd AFTER UPDATE ON projects REFERENCING OLD TABLE AS ot NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_projects();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_projects_del AFTER DELETE ON projects REFERENCING OLD TABLE AS ot
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_projects();
--> statement-breakpoint
-- people: a formal member (正式党员) counts at his project or employer; by relation when his relation org covers it
CREATE FUNCTION coverage_dirty_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM nt CROSS JOIN LATERAL (VALUES ('p', nt.project_id), ('f', nt.employer_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL AND nt.political_status = 'full';
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM ot CROSS JOIN LATERAL (VALUES ('p', ot.project_id), ('f', ot.employer_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL AND ot.political_status = 'full';
  ELSE
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id
    FROM nt JOIN ot ON ot.id = nt.id
    CROSS JOIN LATERAL (VALUES ('p', nt.project_id), ('p', ot.project_id), ('f', nt.employer_unit_id), ('f', ot.employer_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL
      AND (nt.political_status = 'full' OR ot.political_status = 'full')
      AND (nt.political_status, nt.project_id, nt.employer_unit_id, nt.relation_org_unit_id)
          IS DISTINCT FROM (ot.political_status, ot.project_id, ot.employer_unit_id, ot.relation_org_unit_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_people_ins AFTER INSERT ON people REFERENCING NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_people();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_people_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS ot NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_people();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_people_del AFTER DELETE ON people REFERENCING OLD TABLE AS ot
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_people();
--> statement-breakpoint
CREATE FUNCTION coverage_dirty_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM nt CROSS JOIN LATERAL (VALUES ('p', nt.project_id), ('f', nt.covered_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM ot CROSS JOIN LATERAL (VALUES ('p', ot.project_id), ('f', ot.covered_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL;
  ELSE
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id
    FROM nt JOIN ot ON ot.id = nt.id
    CROSS JOIN LATERAL (VALUES ('p', nt.project_id), ('p', ot.project_id), ('f', nt.covered_unit_id), ('f', ot.covered_unit_id)) x(kind, id)
    WHERE x.id IS NOT NULL
      AND (nt.org_unit_id, nt.project_id, nt.covered_unit_id, nt.until)
          IS DISTINCT FROM (ot.org_unit_id, ot.project_id, ot.covered_unit_id, ot.until);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_links_ins AFTER INSERT ON party_org_coverage REFERENCING NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_links();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_links_upd AFTER UPDATE ON party_org_coverage REFERENCING OLD TABLE AS ot NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_links();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_links_del AFTER DELETE ON party_org_coverage REFERENCING OLD TABLE AS ot
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_links();
--> statement-breakpoint
-- org units: a firm itself; a party org as what covers (its parent firm, the projects it is the branch of,
-- the targets of its links); a node whose path changed: the projects registered on it (its descendants'
-- paths change in their own rows); a node becoming or ceasing to be a township: everything under it
CREATE FUNCTION coverage_dirty_units_of(changed int[], moved int[], retyped text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_dirty (kind, id)
  SELECT DISTINCT x.kind, x.id FROM (
    SELECT 'p' AS kind, p.id FROM projects p JOIN unnest(changed) m(id) ON p.party_branch_unit_id = m.id
    UNION ALL
    SELECT 'p', c.project_id FROM party_org_coverage c JOIN unnest(changed) m(id) ON c.org_unit_id = m.id
    WHERE c.project_id IS NOT NULL
    UNION ALL
    SELECT 'f', c.covered_unit_id FROM party_org_coverage c JOIN unnest(changed) m(id) ON c.org_unit_id = m.id
    WHERE c.covered_unit_id IS NOT NULL
    UNION ALL
    SELECT 'p', p.id FROM projects p JOIN unnest(moved) m(id) ON p.township_unit_id = m.id
    UNION ALL
    SELECT 'f', u.id FROM org_units u JOIN unnest(retyped) m(path) ON u.path LIKE m.path || '%'
    UNION ALL
    SELECT 'p', p.id FROM projects p JOIN org_units u ON u.id = p.township_unit_id JOIN unnest(retyped) m(path) ON u.path LIKE m.path || '%'
  ) x;
END $$;
--> statement-breakpoint
CREATE FUNCTION coverage_dirty_org_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM nt CROSS JOIN LATERAL (VALUES ('f', nt.id), ('f', nt.parent_id)) x(kind, id)
    WHERE x.id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id FROM ot CROSS JOIN LATERAL (VALUES ('f', ot.id), ('f', ot.parent_id)) x(kind, id)
    WHERE x.id IS NOT NULL;
    PERFORM coverage_dirty_units_of((SELECT array_agg(id) FROM ot), (SELECT array_agg(id) FROM ot), '{}');
  ELSE
    INSERT INTO coverage_dirty (kind, id)
    SELECT DISTINCT x.kind, x.id
    FROM nt JOIN ot ON ot.id = nt.id
    CROSS JOIN LATERAL (VALUES ('f', nt.id), ('f', nt.parent_id), ('f', ot.parent_id)) x(kind, id)
    WHERE x.id IS NOT NULL
      AND (nt.name, nt.kind, nt.closed_at, nt.parent_id, nt.path, nt.lng, nt.lat, nt.industry)
          IS DISTINCT FROM (ot.name, ot.kind, ot.closed_at, ot.parent_id, ot.path, ot.lng, ot.lat, ot.industry);
    PERFORM coverage_dirty_units_of(
      (SELECT array_agg(nt.id) FROM nt JOIN ot ON ot.id = nt.id
       WHERE (nt.name, nt.kind, nt.closed_at) IS DISTINCT FROM (ot.name, ot.kind, ot.closed_at)),
      (SELECT array_agg(nt.id) FROM nt JOIN ot ON ot.id = nt.id WHERE nt.path IS DISTINCT FROM ot.path),
      (SELECT coalesce(array_agg(nt.path), '{}') FROM nt JOIN ot ON ot.id = nt.id
       WHERE nt.kind IS DISTINCT FROM ot.kind AND 'township' IN (nt.kind, ot.kind)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_org_units_ins AFTER INSERT ON org_units REFERENCING NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_org_units();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_org_units_upd AFTER UPDATE ON org_units REFERENCING OLD TABLE AS ot NEW TABLE AS nt
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_org_units();
--> statement-breakpoint
CREATE TRIGGER coverage_dirty_org_units_del AFTER DELETE ON org_units REFERENCING OLD TABLE AS ot
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_dirty_org_units();
--> statement-breakpoint
-- the rows that exist already: the first read classifies every unit
INSERT INTO coverage_dirty (kind, id) VALUES ('*', 0);
