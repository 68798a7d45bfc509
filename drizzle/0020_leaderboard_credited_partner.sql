ALTER TABLE "projects" ADD COLUMN "credited_partner_id" uuid;--> statement-breakpoint
-- Introducer credit (src/domain/introducer-credit.ts; its SQL twin src/modules/agreements/credit-sql.ts): the
-- partner of the project's first registration dated before its first signing day on the bureau's clock (by date,
-- then the order recorded), else the referring partner. Registrations are made only under commissioned-promotion
-- agreements, and an agreement with registrations keeps its kind, so the agreement itself is not read here.
CREATE OR REPLACE FUNCTION lodestone_credited_partner(of_tenant uuid, of_project uuid, first_signed timestamptz,
  referrer uuid) RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT coalesce((
    SELECT r.partner_id FROM introducer_registrations r
    WHERE r.tenant_id = of_tenant AND r.project_id = of_project
      AND (first_signed IS NULL OR r.registered_on < (first_signed AT TIME ZONE 'Asia/Shanghai')::date)
    ORDER BY r.registered_on, r.created_at, r.id LIMIT 1), referrer)
$$;
--> statement-breakpoint
-- Every write to a project settles its credit again (a new signing day or referrer can move it). A new project has
-- no registrations yet (they reference it), so its credit is its referrer.
CREATE OR REPLACE FUNCTION lodestone_projects_credit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.credited_partner_id := NEW.partner_id;
  ELSE
    NEW.credited_partner_id := lodestone_credited_partner(NEW.tenant_id, NEW.id, NEW.signed_at, NEW.partner_id);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER projects_credit BEFORE INSERT OR UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION lodestone_projects_credit();
--> statement-breakpoint
-- A write to registrations (a new one, a project linked, a deletion, an agreement's cascade) settles the credit of
-- the projects they name, in the writer's transaction: the update of those projects moves them between partners in
-- the leaderboard's roll-up through the projects' own statement triggers. Only projects whose credit changes are
-- written.
CREATE OR REPLACE FUNCTION lodestone_registrations_credit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT tenant_id, project_id FROM lodestone_new_registrations'
    WHEN 'DELETE' THEN 'SELECT tenant_id, project_id FROM lodestone_old_registrations'
    ELSE 'SELECT tenant_id, project_id FROM lodestone_new_registrations
      UNION SELECT tenant_id, project_id FROM lodestone_old_registrations'
  END;
BEGIN
  EXECUTE format($sql$
    UPDATE projects p SET credited_partner_id = lodestone_credited_partner(p.tenant_id, p.id, p.signed_at, p.partner_id)
    FROM (SELECT DISTINCT tenant_id, project_id FROM (%s) c WHERE project_id IS NOT NULL) r
    WHERE p.tenant_id = r.tenant_id AND p.id = r.project_id
      AND p.credited_partner_id IS DISTINCT FROM
        lodestone_credited_partner(p.tenant_id, p.id, p.signed_at, p.partner_id)
  $sql$, changes);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_credit_insert AFTER INSERT ON introducer_registrations
  REFERENCING NEW TABLE AS lodestone_new_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION lodestone_registrations_credit();
--> statement-breakpoint
CREATE TRIGGER registrations_credit_update AFTER UPDATE ON introducer_registrations
  REFERENCING OLD TABLE AS lodestone_old_registrations NEW TABLE AS lodestone_new_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION lodestone_registrations_credit();
--> statement-breakpoint
CREATE TRIGGER registrations_credit_delete AFTER DELETE ON introducer_registrations
  REFERENCING OLD TABLE AS lodestone_old_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION lodestone_registrations_credit();
--> statement-breakpoint
-- The signing roll-ups as in 0015, with the partner leaderboard keyed by the credited partner, not the referrer.
CREATE OR REPLACE FUNCTION lodestone_rollup_project_signings_sql(changes text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  source text := format($src$
    SELECT c.tenant_id, date_trunc('month', c.signed_at AT TIME ZONE 'Asia/Shanghai')::date AS signed_month,
      coalesce(c.town_code, '') AS town_code, coalesce(c.zone_id::text, '') AS zone_id,
      coalesce(c.cluster_id::text, '') AS cluster_id, coalesce(c.credited_partner_id::text, '') AS partner_id,
      c.foreign_funded, coalesce(c.kind = 'regional_hq', false) AS headquarters,
      coalesce(c.amount_yuan >= coalesce(s.major_threshold_yuan, 100000000), false) AS major,
      c.delta, c.delta * coalesce(c.amount_yuan, 0) AS amount
    FROM (%s) c LEFT JOIN pipeline_settings s ON s.tenant_id = c.tenant_id
    WHERE c.signed_at IS NOT NULL AND c.stage <> 'lost'
  $src$, changes);
BEGIN
  RETURN ARRAY[
    format($sql$
      INSERT INTO rollup_project_signings AS r (tenant_id, signed_month, town_code, zone_id, foreign_funded,
        headquarters, major, projects, amount_yuan)
      SELECT tenant_id, signed_month, town_code, zone_id, foreign_funded, headquarters, major, sum(delta)::int, sum(amount)
      FROM (%s) x GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(delta) <> 0 OR sum(amount) <> 0
      ON CONFLICT ON CONSTRAINT rollup_project_signings_pk
      DO UPDATE SET projects = r.projects + excluded.projects, amount_yuan = r.amount_yuan + excluded.amount_yuan
    $sql$, source),
    format($sql$
      INSERT INTO rollup_project_cluster_signings AS r (tenant_id, signed_month, town_code, zone_id, cluster_id,
        foreign_funded, major, projects, amount_yuan)
      SELECT tenant_id, signed_month, town_code, zone_id, cluster_id, foreign_funded, major, sum(delta)::int, sum(amount)
      FROM (%s) x WHERE cluster_id <> '' GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(delta) <> 0 OR sum(amount) <> 0
      ON CONFLICT ON CONSTRAINT rollup_project_cluster_signings_pk
      DO UPDATE SET projects = r.projects + excluded.projects, amount_yuan = r.amount_yuan + excluded.amount_yuan
    $sql$, source),
    format($sql$
      INSERT INTO rollup_project_partner_signings AS r (tenant_id, signed_month, town_code, zone_id, partner_id,
        major, projects, amount_yuan)
      SELECT tenant_id, signed_month, town_code, zone_id, partner_id, major, sum(delta)::int, sum(amount)
      FROM (%s) x WHERE partner_id <> '' GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(delta) <> 0 OR sum(amount) <> 0
      ON CONFLICT ON CONSTRAINT rollup_project_partner_signings_pk
      DO UPDATE SET projects = r.projects + excluded.projects, amount_yuan = r.amount_yuan + excluded.amount_yuan
    $sql$, source)
  ];
END
$$;
--> statement-breakpoint
-- Existing projects: settle their credit, then rebuild the leaderboard's roll-up from them (the update churns the
-- roll-ups through the triggers; the other two come out as they were).
UPDATE projects SET credited_partner_id = lodestone_credited_partner(tenant_id, id, signed_at, partner_id);
--> statement-breakpoint
DELETE FROM rollup_project_partner_signings;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE (lodestone_rollup_project_signings_sql('SELECT p.*, 1 AS delta FROM projects p'))[3];
END
$$;
