CREATE TABLE "rollup_company_town_months" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"town_code" text NOT NULL,
	"companies" integer NOT NULL,
	CONSTRAINT "rollup_company_town_months_tenant_id_month_town_code_pk" PRIMARY KEY("tenant_id","month","town_code")
);
--> statement-breakpoint
CREATE TABLE "cockpit_targets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"metric" text NOT NULL,
	"cluster_id" uuid,
	"site_id" uuid,
	"value" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cockpit_targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cockpit_targets_scope" UNIQUE NULLS NOT DISTINCT("tenant_id","year","metric","cluster_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "rollup_projects" (
	"tenant_id" uuid NOT NULL,
	"signed_month" date NOT NULL,
	"town_code" text NOT NULL,
	"zone_id" text NOT NULL,
	"cluster_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"stage" text NOT NULL,
	"reached_stage" text NOT NULL,
	"foreign_funded" boolean NOT NULL,
	"headquarters" boolean NOT NULL,
	"major" boolean NOT NULL,
	"projects" integer NOT NULL,
	"amount_yuan" numeric NOT NULL,
	CONSTRAINT "rollup_projects_pk" PRIMARY KEY("tenant_id","signed_month","town_code","zone_id","cluster_id","partner_id","stage","reached_stage","foreign_funded","headquarters","major")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "reached_stage" text DEFAULT 'lead' NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_signed" ON "projects" USING btree ("tenant_id","signed_at");--> statement-breakpoint
SELECT lodestone_scope_to_tenant('cockpit_targets');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_projects');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_stage_rank(stage text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT array_position(ARRAY['lead','contacted','negotiating','signed','registered','construction','operating'], stage)
$$;
--> statement-breakpoint
-- The furthest stage only grows: moves go forward one step at a time, and a pause or a loss keeps what was reached.
-- A bulk insert may name it (a demo project lost after negotiating); it is never below the stage a row stands at.
CREATE OR REPLACE FUNCTION lodestone_projects_reached() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.reached_stage := (ARRAY['lead','contacted','negotiating','signed','registered','construction','operating'])[
    greatest(1, lodestone_stage_rank(NEW.reached_stage), lodestone_stage_rank(NEW.stage),
      lodestone_stage_rank(NEW.held_from),
      CASE WHEN TG_OP = 'UPDATE' THEN lodestone_stage_rank(OLD.reached_stage) END)];
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER projects_reached BEFORE INSERT OR UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION lodestone_projects_reached();
--> statement-breakpoint
UPDATE projects p SET reached_stage = coalesce((
  SELECT (ARRAY['lead','contacted','negotiating','signed','registered','construction','operating'])[max(lodestone_stage_rank(m.to_stage))]
  FROM project_stage_moves m WHERE m.tenant_id = p.tenant_id AND m.project_id = p.id), 'lead');
--> statement-breakpoint
-- A project's cell in the roll-up. Major is judged against the tenant's threshold now; a change of threshold
-- rebuilds the tenant's cells (trigger on pipeline_settings), so the roll-up never holds a stale judgement.
-- It returns the statement rather than running it: a trigger's transition tables are visible only to the
-- trigger function itself, which executes it.
CREATE OR REPLACE FUNCTION lodestone_rollup_projects_sql(changes text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN format($sql$
    INSERT INTO rollup_projects AS r (tenant_id, signed_month, town_code, zone_id, cluster_id, partner_id, stage,
      reached_stage, foreign_funded, headquarters, major, projects, amount_yuan)
    SELECT c.tenant_id,
      coalesce(date_trunc('month', c.signed_at AT TIME ZONE 'Asia/Shanghai')::date, 'infinity'::date),
      coalesce(c.town_code, ''), coalesce(c.zone_id::text, ''), coalesce(c.cluster_id::text, ''),
      coalesce(c.partner_id::text, ''), c.stage, c.reached_stage, c.foreign_funded, coalesce(c.kind = 'regional_hq', false),
      coalesce(c.amount_yuan >= coalesce(s.major_threshold_yuan, 100000000), false),
      sum(c.delta)::int, sum(c.delta * coalesce(c.amount_yuan, 0))
    FROM (%s) c LEFT JOIN pipeline_settings s ON s.tenant_id = c.tenant_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(c.delta) <> 0 OR sum(c.delta * coalesce(c.amount_yuan, 0)) <> 0
    ON CONFLICT ON CONSTRAINT rollup_projects_pk
    DO UPDATE SET projects = r.projects + excluded.projects, amount_yuan = r.amount_yuan + excluded.amount_yuan
  $sql$, changes);
END
$$;
--> statement-breakpoint
-- Statement triggers with transition tables, as for the registry: one grouped upsert per statement. Cells that
-- fall to zero stay (a project moving on empties one cell and fills another); readers skip them.
CREATE OR REPLACE FUNCTION lodestone_rollup_projects() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE lodestone_rollup_projects_sql(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS delta FROM lodestone_new_projects n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS delta FROM lodestone_old_projects o'
    ELSE 'SELECT n.*, 1 AS delta FROM lodestone_new_projects n UNION ALL SELECT o.*, -1 FROM lodestone_old_projects o'
  END);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_projects_insert AFTER INSERT ON projects
  REFERENCING NEW TABLE AS lodestone_new_projects FOR EACH STATEMENT EXECUTE FUNCTION lodestone_rollup_projects();
--> statement-breakpoint
CREATE TRIGGER rollup_projects_update AFTER UPDATE ON projects
  REFERENCING OLD TABLE AS lodestone_old_projects NEW TABLE AS lodestone_new_projects
  FOR EACH STATEMENT EXECUTE FUNCTION lodestone_rollup_projects();
--> statement-breakpoint
CREATE TRIGGER rollup_projects_delete AFTER DELETE ON projects
  REFERENCING OLD TABLE AS lodestone_old_projects FOR EACH STATEMENT EXECUTE FUNCTION lodestone_rollup_projects();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_rollup_projects_threshold() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
BEGIN
  DELETE FROM rollup_projects WHERE tenant_id = tenant;
  EXECUTE lodestone_rollup_projects_sql(format(
    'SELECT p.*, 1 AS delta FROM projects p WHERE p.tenant_id = %L', tenant));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_projects_threshold AFTER INSERT OR UPDATE OR DELETE ON pipeline_settings
  FOR EACH ROW EXECUTE FUNCTION lodestone_rollup_projects_threshold();
--> statement-breakpoint
DO $$ BEGIN EXECUTE lodestone_rollup_projects_sql('SELECT p.*, 1 AS delta FROM projects p'); END $$;
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_company_town_months');
--> statement-breakpoint
-- The registry's statement triggers now keep both roll-ups from the same transition tables.
CREATE OR REPLACE FUNCTION lodestone_rollup_company_months() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS delta FROM lodestone_new_companies n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS delta FROM lodestone_old_companies o'
    ELSE 'SELECT n.*, 1 AS delta FROM lodestone_new_companies n UNION ALL SELECT o.*, -1 FROM lodestone_old_companies o'
  END;
BEGIN
  EXECUTE format($sql$
    INSERT INTO rollup_company_months AS r (tenant_id, month, town_code, industry_section, enterprise_type, companies)
    SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''),
      coalesce(industry_section, ''), enterprise_type, sum(delta)::int
    FROM (%s) c
    WHERE established_on IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(delta) <> 0
    ON CONFLICT (tenant_id, month, town_code, industry_section, enterprise_type)
    DO UPDATE SET companies = r.companies + excluded.companies
  $sql$, changes);
  EXECUTE format($sql$
    INSERT INTO rollup_company_town_months AS r (tenant_id, month, town_code, companies)
    SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''), sum(delta)::int
    FROM (%s) c
    WHERE established_on IS NOT NULL
    GROUP BY 1, 2, 3
    HAVING sum(delta) <> 0
    ON CONFLICT (tenant_id, month, town_code) DO UPDATE SET companies = r.companies + excluded.companies
  $sql$, changes);
  RETURN NULL;
END
$$;
--> statement-breakpoint
INSERT INTO rollup_company_town_months (tenant_id, month, town_code, companies)
SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''), count(*)::int
FROM companies WHERE established_on IS NOT NULL GROUP BY 1, 2, 3;
