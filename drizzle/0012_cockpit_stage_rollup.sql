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
SELECT lodestone_scope_to_tenant('rollup_project_stages');
--> statement-breakpoint
-- A project's stage cell: area, stage now and furthest stage reached. No month, partner, cluster or flags, so the
-- cockpit's pipeline and funnel read a few hundred rows instead of about one per project.
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
-- The project statement triggers keep both roll-ups from the same transition tables, in the writer's transaction.
CREATE OR REPLACE FUNCTION lodestone_rollup_projects() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS delta FROM lodestone_new_projects n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS delta FROM lodestone_old_projects o'
    ELSE 'SELECT n.*, 1 AS delta FROM lodestone_new_projects n UNION ALL SELECT o.*, -1 FROM lodestone_old_projects o'
  END;
BEGIN
  EXECUTE lodestone_rollup_projects_sql(changes);
  EXECUTE lodestone_rollup_project_stages_sql(changes);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$ BEGIN EXECUTE lodestone_rollup_project_stages_sql('SELECT p.*, 1 AS delta FROM projects p'); END $$;
