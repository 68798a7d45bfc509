CREATE TABLE "saved_views" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_views_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "saved_views_name" UNIQUE("tenant_id","user_id","entity","name")
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code" ON "projects" USING btree ("tenant_id","code");
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('saved_views');
--> statement-breakpoint
-- Users are global (one person, several tenants), so the request role cannot read their table. The directory
-- lists the active members of the request's tenant only: the name and role the pipeline shows beside an officer
-- id, and the email an agreement milestone's owner picker shows to staff (routes never send a partner either).
-- It replaces the agreements' version (0013), which listed disabled users too.
DROP FUNCTION IF EXISTS lodestone_tenant_members();
--> statement-breakpoint
CREATE FUNCTION lodestone_tenant_members()
RETURNS TABLE (user_id uuid, display_name text, email text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.display_name, u.email, m.role
  FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.tenant_id = current_setting('app.tenant_id')::uuid AND u.disabled_at IS NULL
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_tenant_members() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_tenant_members() TO lodestone_app;
