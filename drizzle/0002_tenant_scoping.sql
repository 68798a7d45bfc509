SELECT lodestone_scope_to_tenant('memberships');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('audit_log');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('towns');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('zones');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('sites');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('clusters');
--> statement-breakpoint
GRANT SELECT ON reference_divisions, reference_industries, tenants TO lodestone_app;
--> statement-breakpoint
CREATE INDEX reference_divisions_name_trgm ON reference_divisions USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX reference_industries_name_trgm ON reference_industries USING gin (name_zh gin_trgm_ops);
