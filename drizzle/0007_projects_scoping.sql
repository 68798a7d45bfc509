-- The pipeline's tables are tenant data like any other: row-level security scopes them to the request's tenant.
SELECT lodestone_scope_to_tenant('partners');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('partner_contacts');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('projects');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('project_stage_moves');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('project_tasks');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('project_activities');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('pipeline_settings');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('currency_rates');
