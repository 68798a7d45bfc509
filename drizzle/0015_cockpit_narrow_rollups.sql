CREATE TABLE "rollup_project_cluster_signings" (
	"tenant_id" uuid NOT NULL,
	"signed_month" date NOT NULL,
	"town_code" text NOT NULL,
	"zone_id" text NOT NULL,
	"cluster_id" text NOT NULL,
	"foreign_funded" boolean NOT NULL,
	"major" boolean NOT NULL,
	"projects" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	CONSTRAINT "rollup_project_cluster_signings_pk" PRIMARY KEY("tenant_id","signed_month","town_code","zone_id","cluster_id","foreign_funded","major")
);
--> statement-breakpoint
CREATE TABLE "rollup_project_partner_signings" (
	"tenant_id" uuid NOT NULL,
	"signed_month" date NOT NULL,
	"town_code" text NOT NULL,
	"zone_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"major" boolean NOT NULL,
	"projects" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	CONSTRAINT "rollup_project_partner_signings_pk" PRIMARY KEY("tenant_id","signed_month","town_code","zone_id","partner_id","major")
);
--> statement-breakpoint
CREATE TABLE "rollup_project_signings" (
	"tenant_id" uuid NOT NULL,
	"signed_month" date NOT NULL,
	"town_code" text NOT NULL,
	"zone_id" text NOT NULL,
	"foreign_funded" boolean NOT NULL,
	"headquarters" boolean NOT NULL,
	"major" boolean NOT NULL,
	"projects" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	CONSTRAINT "rollup_project_signings_pk" PRIMARY KEY("tenant_id","signed_month","town_code","zone_id","foreign_funded","headquarters","major")
);
--> statement-breakpoint
CREATE TABLE "rollup_project_stages" (
	"tenant_id" uuid NOT NULL,
	"town_code" text NOT NULL,
	"zone_id" text NOT NULL,
	"stage" text NOT NULL,
	"reached_stage" text NOT NULL,
	"projects" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	CONSTRAINT "rollup_project_stages_pk" PRIMARY KEY("tenant_id","town_code","zone_id","stage","reached_stage")
);
--> statement-breakpoint
DROP TABLE "rollup_projects" CASCADE;--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_project_signings');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_project_cluster_signings');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_project_partner_signings');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_project_stages');
--> statement-breakpoint
DROP FUNCTION IF EXISTS lodestone_rollup_projects_sql(text);
--> statement-breakpoint
-- The statements that fold a set of project rows (with a delta of +1 or -1) into the cockpit's roll-ups. They are
-- returned, not run: a trigger's transition tables are visible only to the trigger function, which runs them.
-- The signing roll-ups hold projects signed and not lost since, per month of the first signing on the bureau's
-- clock; major is judged against the tenant's threshold now (a new threshold rebuilds the tenant's signing cells).
CREATE OR REPLACE FUNCTION lodestone_rollup_project_signings_sql(changes text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  source text := format($src$
    SELECT c.tenant_id, date_trunc('month', c.signed_at AT TIME ZONE 'Asia/Shanghai')::date AS signed_month,
      coalesce(c.town_code, '') AS town_code, coalesce(c.zone_id::text, '') AS zone_id,
      coalesce(c.cluster_id::text, '') AS cluster_id, coalesce(c.partner_id::text, '') AS partner_id,
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
-- Where the pipeline stands now: area, stage and furthest stage reached, whatever the signing.
CREATE OR REPLACE FUNCTION lodestone_rollup_project_stages_sql(changes text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN format($sql$
    INSERT INTO rollup_project_stages AS r (tenant_id, town_code, zone_id, stage, reached_stage, projects, amount_yuan)
    SELECT c.tenant_id, coalesce(c.town_code, ''), coalesce(c.zone_id::text, ''), c.stage, c.reached_stage,
      sum(c.delta)::int, sum(c.delta * coalesce(c.amount_yuan, 0))
    FROM (%s) c
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(c.delta) <> 0 OR sum(c.delta * coalesce(c.amount_yuan, 0)) <> 0
    ON CONFLICT ON CONSTRAINT rollup_project_stages_pk
    DO UPDATE SET projects = r.projects + excluded.projects, amount_yuan = r.amount_yuan + excluded.amount_yuan
  $sql$, changes);
END
$$;
--> statement-breakpoint
-- The project statement triggers (rollup_projects_insert/update/delete) keep all four roll-ups from the same
-- transition tables, in the writer's transaction. Cells that fall to zero stay; readers skip them.
CREATE OR REPLACE FUNCTION lodestone_rollup_projects() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS delta FROM lodestone_new_projects n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS delta FROM lodestone_old_projects o'
    ELSE 'SELECT n.*, 1 AS delta FROM lodestone_new_projects n UNION ALL SELECT o.*, -1 FROM lodestone_old_projects o'
  END;
  statement text;
BEGIN
  FOREACH statement IN ARRAY lodestone_rollup_project_signings_sql(changes) LOOP
    EXECUTE statement;
  END LOOP;
  EXECUTE lodestone_rollup_project_stages_sql(changes);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_rollup_projects_threshold() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  statement text;
BEGIN
  DELETE FROM rollup_project_signings WHERE tenant_id = tenant;
  DELETE FROM rollup_project_cluster_signings WHERE tenant_id = tenant;
  DELETE FROM rollup_project_partner_signings WHERE tenant_id = tenant;
  FOREACH statement IN ARRAY lodestone_rollup_project_signings_sql(format(
    'SELECT p.*, 1 AS delta FROM projects p WHERE p.tenant_id = %L', tenant)) LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  statement text;
BEGIN
  FOREACH statement IN ARRAY lodestone_rollup_project_signings_sql('SELECT p.*, 1 AS delta FROM projects p') LOOP
    EXECUTE statement;
  END LOOP;
  EXECUTE lodestone_rollup_project_stages_sql('SELECT p.*, 1 AS delta FROM projects p');
END
$$;
