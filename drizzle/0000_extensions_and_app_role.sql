-- pg_trgm gives substring search that works for Chinese names in both PGlite and PostgreSQL.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Requests run as lodestone_app, a role without BYPASSRLS, so row-level security scopes every query to the
-- tenant of the request. Roles are cluster-wide: several Lodestone databases on one server share it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lodestone_app') THEN
    CREATE ROLE lodestone_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'lodestone_app', 'MEMBER') THEN
    EXECUTE format('GRANT lodestone_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
-- One definition of tenant isolation, applied to every table that carries tenant_id. The policy reads the
-- tenant from a transaction-local setting; without it the cast fails, so a forgotten scope is an error, not a leak.
CREATE OR REPLACE FUNCTION lodestone_scope_to_tenant(tbl regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO lodestone_app '
    'USING (tenant_id = current_setting(''app.tenant_id'')::uuid) '
    'WITH CHECK (tenant_id = current_setting(''app.tenant_id'')::uuid)', tbl);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO lodestone_app', tbl);
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO lodestone_app;
