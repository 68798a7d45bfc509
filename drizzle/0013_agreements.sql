CREATE TABLE "agreement_attachments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_email" text NOT NULL,
	"uploaded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreement_milestones" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text,
	"due_on" date,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_milestones_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"party_kind" text NOT NULL,
	"partner_id" uuid,
	"company_id" uuid,
	"name" text,
	"role" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agreement_parties_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreement_projects" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_projects_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"reference_no" text,
	"summary" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"signed_on" date,
	"event_id" uuid,
	"term_start" date,
	"term_end" date,
	"renews_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "introducer_registrations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"project_id" uuid,
	"prospect_name" text,
	"role" text NOT NULL,
	"registered_on" date NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "introducer_registrations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "agreement_attachments" ADD CONSTRAINT "agreement_attachments_agreement" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_milestones" ADD CONSTRAINT "agreement_milestones_agreement" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_partner" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "public"."partners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_company" FOREIGN KEY ("tenant_id","company_id") REFERENCES "public"."companies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_projects" ADD CONSTRAINT "agreement_projects_agreement" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_projects" ADD CONSTRAINT "agreement_projects_project" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_renews" FOREIGN KEY ("tenant_id","renews_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introducer_registrations" ADD CONSTRAINT "introducer_registrations_agreement" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introducer_registrations" ADD CONSTRAINT "introducer_registrations_partner" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "public"."partners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introducer_registrations" ADD CONSTRAINT "introducer_registrations_project" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_attachments_agreement" ON "agreement_attachments" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_milestones_agreement" ON "agreement_milestones" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_milestones_open" ON "agreement_milestones" USING btree ("tenant_id","due_on") WHERE done_on is null;--> statement-breakpoint
CREATE INDEX "agreement_parties_agreement" ON "agreement_parties" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "agreement_parties_partner" ON "agreement_parties" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_projects_pair" ON "agreement_projects" USING btree ("tenant_id","agreement_id","project_id");--> statement-breakpoint
CREATE INDEX "agreement_projects_project" ON "agreement_projects" USING btree ("tenant_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_reference" ON "agreements" USING btree ("tenant_id","reference_no") WHERE reference_no is not null;--> statement-breakpoint
CREATE INDEX "agreements_sort_updated" ON "agreements" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "agreements_sort_signed" ON "agreements" USING btree ("tenant_id",coalesce("signed_on", '0001-01-01'),"id");--> statement-breakpoint
CREATE INDEX "agreements_sort_title" ON "agreements" USING btree ("tenant_id","title_zh","id");--> statement-breakpoint
CREATE INDEX "agreements_sort_term_end" ON "agreements" USING btree ("tenant_id",coalesce("term_end", '9999-12-31'),"id");--> statement-breakpoint
CREATE INDEX "agreements_event" ON "agreements" USING btree ("tenant_id","event_id");--> statement-breakpoint
CREATE INDEX "introducer_registrations_project" ON "introducer_registrations" USING btree ("tenant_id","project_id","registered_on","created_at");--> statement-breakpoint
CREATE INDEX "introducer_registrations_partner" ON "introducer_registrations" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE INDEX "introducer_registrations_agreement" ON "introducer_registrations" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
-- Agreements are tenant data like any other: row-level security scopes them to the request's tenant.
SELECT lodestone_scope_to_tenant('agreements');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('agreement_parties');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('agreement_projects');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('agreement_milestones');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('agreement_attachments');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('introducer_registrations');
--> statement-breakpoint
-- Names of the members of the tenant in scope (a milestone's owner): users carry no tenant_id, so the request role
-- may not read them directly; this reads only the current tenant's members, and only their names and emails.
CREATE OR REPLACE FUNCTION lodestone_tenant_members()
RETURNS TABLE (user_id uuid, display_name text, email text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.display_name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.tenant_id = current_setting('app.tenant_id')::uuid
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_tenant_members() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_tenant_members() TO lodestone_app;
