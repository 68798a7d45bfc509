CREATE TABLE "partner_contacts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"email" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_contacts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"company_id" uuid,
	"region" text,
	"agreement_ref" text,
	"agreement_signed_on" date,
	"website" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partners_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "partners_tenant_name" UNIQUE("tenant_id","name_zh")
);
--> statement-breakpoint
CREATE TABLE "currency_rates" (
	"tenant_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"yuan_per_unit_micros" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "currency_rates_tenant_id_currency_pk" PRIMARY KEY("tenant_id","currency")
);
--> statement-breakpoint
CREATE TABLE "pipeline_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"major_threshold_yuan" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_activities" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"summary" text NOT NULL,
	"by_user_id" uuid,
	"by_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_activities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "project_stage_moves" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"reason" text,
	"note" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"seconds_in_from" bigint,
	"by_user_id" uuid,
	"by_email" text NOT NULL,
	CONSTRAINT "project_stage_moves_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "project_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"assignee_id" uuid,
	"done_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"stage" text DEFAULT 'lead' NOT NULL,
	"held_from" text,
	"stage_reason" text,
	"stage_entered_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"signed_at" timestamp (3) with time zone,
	"investor_company_id" uuid,
	"prospect_name" text,
	"prospect_country" text,
	"industry_code" text,
	"cluster_id" uuid,
	"town_code" text,
	"zone_id" uuid,
	"site_id" uuid,
	"amount" bigint,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"amount_yuan" bigint,
	"kind" text,
	"foreign_funded" boolean DEFAULT false NOT NULL,
	"expected_output_yuan" bigint,
	"expected_tax_yuan" bigint,
	"expected_jobs" integer,
	"officer_id" uuid,
	"priority" text DEFAULT 'medium' NOT NULL,
	"source" text DEFAULT 'direct' NOT NULL,
	"partner_id" uuid,
	"registered_company_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "partner_contacts" ADD CONSTRAINT "partner_contacts_partner" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "public"."partners"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_activities" ADD CONSTRAINT "project_activities_project" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_moves" ADD CONSTRAINT "project_stage_moves_project" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_tasks" ADD CONSTRAINT "project_tasks_project" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_partner" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "public"."partners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_contacts_partner" ON "partner_contacts" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_contacts_one_primary" ON "partner_contacts" USING btree ("tenant_id","partner_id") WHERE is_primary;--> statement-breakpoint
CREATE INDEX "partners_sort_name" ON "partners" USING btree ("tenant_id","name_zh","id");--> statement-breakpoint
CREATE INDEX "partners_sort_updated" ON "partners" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "project_activities_project" ON "project_activities" USING btree ("tenant_id","project_id","occurred_at");--> statement-breakpoint
CREATE INDEX "project_stage_moves_project" ON "project_stage_moves" USING btree ("tenant_id","project_id","at");--> statement-breakpoint
CREATE INDEX "project_stage_moves_to" ON "project_stage_moves" USING btree ("tenant_id","to_stage","project_id");--> statement-breakpoint
CREATE INDEX "project_tasks_project" ON "project_tasks" USING btree ("tenant_id","project_id");--> statement-breakpoint
CREATE INDEX "project_tasks_open" ON "project_tasks" USING btree ("tenant_id","assignee_id","due_on") WHERE done_at is null;--> statement-breakpoint
CREATE INDEX "projects_stage" ON "projects" USING btree ("tenant_id","stage");--> statement-breakpoint
CREATE INDEX "projects_partner" ON "projects" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE INDEX "projects_officer" ON "projects" USING btree ("tenant_id","officer_id");--> statement-breakpoint
CREATE INDEX "projects_town" ON "projects" USING btree ("tenant_id","town_code");--> statement-breakpoint
CREATE INDEX "projects_cluster" ON "projects" USING btree ("tenant_id","cluster_id");--> statement-breakpoint
CREATE INDEX "projects_sort_updated" ON "projects" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_sort_created" ON "projects" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_sort_title" ON "projects" USING btree ("tenant_id","title","id");--> statement-breakpoint
CREATE INDEX "projects_sort_amount" ON "projects" USING btree ("tenant_id",coalesce("amount_yuan", -1),"id");--> statement-breakpoint
CREATE INDEX "projects_sort_stage_entered" ON "projects" USING btree ("tenant_id","stage_entered_at","id");--> statement-breakpoint
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

