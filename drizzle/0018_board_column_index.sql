DROP INDEX "projects_stage";--> statement-breakpoint
CREATE INDEX "projects_stage" ON "projects" USING btree ("tenant_id","stage","updated_at","id");