-- Project search keys (projects.search_grams, generated): every pair of characters of the lowercased title and
-- prospect name. ILIKE compares the lowercased text with the lowercased pattern, so a row that matches '%q%' holds
-- every pair of lower(q): the GIN index over the pairs finds every match and the ILIKE recheck drops the rest. The
-- same function makes a query's pairs, so both sides are lowercased alike. A two-character Chinese word is one pair
-- (a trigram index cannot serve it). A one-character query has no pair and is answered by scanning.
CREATE OR REPLACE FUNCTION lodestone_project_search_grams(title text, prospect_name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(v, i, 2)), '{}')
  FROM unnest(ARRAY[lower(title), lower(prospect_name)]) v, generate_series(1, length(v) - 1) i
$$;
--> statement-breakpoint
CREATE TABLE "rollup_project_stage_paths" (
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"reached" integer NOT NULL,
	"stay_stages" smallint[] NOT NULL,
	"stay_seconds" bigint[] NOT NULL,
	CONSTRAINT "rollup_project_stage_paths_pk" PRIMARY KEY("tenant_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (lodestone_project_search_grams(title, prospect_name)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "projects_search_grams" ON "projects" USING gin ("search_grams");
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_project_stage_paths');
--> statement-breakpoint
-- Row-level security lets only leakproof operators into an index scan, and array containment is not leakproof: under
-- the tenant policy the gram index would go unused (as the registry's did, see 0005). This owner-run function finds
-- the matching ids of the caller's tenant (by the transaction setting the policy reads) through the index: title or
-- prospect name containing the query, case-insensitively (pattern is '%query%' with LIKE's wildcards escaped), or
-- a project code equal to it. Every match, no cap; callers read the rows themselves through row-level security.
CREATE OR REPLACE FUNCTION lodestone_project_search(query text, pattern text) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 200 AS $$
DECLARE
  grams text[] := lodestone_project_search_grams(query, NULL);
  tenant uuid := current_setting('app.tenant_id')::uuid;
BEGIN
  IF grams = '{}' THEN
    RETURN QUERY SELECT p.id FROM projects p
      WHERE p.tenant_id = tenant AND (p.title ILIKE pattern OR p.prospect_name ILIKE pattern OR p.code = query);
    RETURN;
  END IF;
  -- EXECUTE plans with the actual pairs each time: a generic plan cannot tell a rare pair from a common one.
  RETURN QUERY EXECUTE
    'SELECT p.id FROM projects p
     WHERE p.tenant_id = $1 AND p.search_grams @> $2 AND (p.title ILIKE $3 OR p.prospect_name ILIKE $3)
     UNION
     SELECT p.id FROM projects p WHERE p.tenant_id = $1 AND p.code = $4'
    USING tenant, grams, pattern, query;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_project_search(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_project_search(text, text) TO lodestone_app;
--> statement-breakpoint
-- rollup_project_stage_paths: per project, the stages its history entered (bit i for stage i of the domain's list of
-- stages, lodestone_stage_index) and the stays it finished (stage index and seconds), kept from project_stage_moves
-- in the writer's transaction. Moves are only ever added (a project's deletion removes its history): an insert
-- appends to the project's row. Anything else recounts the projects it touched from their whole history, so the row
-- is always what a recount of the moves gives.
CREATE OR REPLACE FUNCTION lodestone_stage_index(stage text) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (array_position(
    ARRAY['lead','contacted','negotiating','signed','registered','construction','operating','on_hold','lost'], stage) - 1
  )::smallint
$$;
--> statement-breakpoint
-- One project's path from a set of its moves: what both triggers and the backfill aggregate.
CREATE OR REPLACE FUNCTION lodestone_stage_path_sql(moves text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($sql$
    SELECT m.tenant_id, m.project_id, bit_or(1 << lodestone_stage_index(m.to_stage)) AS reached,
      coalesce(array_agg(lodestone_stage_index(m.from_stage) ORDER BY m.at, m.id)
        FILTER (WHERE m.from_stage IS NOT NULL), '{}') AS stay_stages,
      coalesce(array_agg(m.seconds_in_from ORDER BY m.at, m.id) FILTER (WHERE m.from_stage IS NOT NULL), '{}') AS stay_seconds
    FROM (%s) m GROUP BY 1, 2
  $sql$, moves)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_project_stage_paths_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($sql$
    INSERT INTO rollup_project_stage_paths AS p (tenant_id, project_id, reached, stay_stages, stay_seconds) %s
    ON CONFLICT ON CONSTRAINT rollup_project_stage_paths_pk DO UPDATE SET
      reached = p.reached | excluded.reached,
      stay_stages = p.stay_stages || excluded.stay_stages,
      stay_seconds = p.stay_seconds || excluded.stay_seconds
  $sql$, lodestone_stage_path_sql('SELECT * FROM lodestone_new_stage_moves'));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_project_stage_paths_recount() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  touched text := CASE TG_OP
    WHEN 'DELETE' THEN 'SELECT tenant_id, project_id FROM lodestone_old_stage_moves'
    ELSE 'SELECT tenant_id, project_id FROM lodestone_old_stage_moves
          UNION SELECT tenant_id, project_id FROM lodestone_new_stage_moves'
  END;
BEGIN
  EXECUTE format('DELETE FROM rollup_project_stage_paths p USING (%s) t
    WHERE p.tenant_id = t.tenant_id AND p.project_id = t.project_id', touched);
  -- The touched projects' whole histories, each read through the moves' project index.
  EXECUTE format('INSERT INTO rollup_project_stage_paths (tenant_id, project_id, reached, stay_stages, stay_seconds) %s',
    lodestone_stage_path_sql(format('SELECT h.* FROM (SELECT DISTINCT * FROM (%s) x) t
      CROSS JOIN LATERAL (SELECT * FROM project_stage_moves m
        WHERE m.tenant_id = t.tenant_id AND m.project_id = t.project_id) h', touched)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER project_stage_paths_insert AFTER INSERT ON project_stage_moves
  REFERENCING NEW TABLE AS lodestone_new_stage_moves FOR EACH STATEMENT EXECUTE FUNCTION lodestone_project_stage_paths_add();
--> statement-breakpoint
CREATE TRIGGER project_stage_paths_update AFTER UPDATE ON project_stage_moves
  REFERENCING OLD TABLE AS lodestone_old_stage_moves NEW TABLE AS lodestone_new_stage_moves
  FOR EACH STATEMENT EXECUTE FUNCTION lodestone_project_stage_paths_recount();
--> statement-breakpoint
CREATE TRIGGER project_stage_paths_delete AFTER DELETE ON project_stage_moves
  REFERENCING OLD TABLE AS lodestone_old_stage_moves FOR EACH STATEMENT EXECUTE FUNCTION lodestone_project_stage_paths_recount();
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE 'INSERT INTO rollup_project_stage_paths (tenant_id, project_id, reached, stay_stages, stay_seconds) '
    || lodestone_stage_path_sql('SELECT * FROM project_stage_moves');
END
$$;
