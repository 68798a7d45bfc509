CREATE TABLE "event_attendees" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"email" text,
	"list_key" text NOT NULL,
	"invitation" text DEFAULT 'not_sent' NOT NULL,
	"rsvp" text DEFAULT 'pending' NOT NULL,
	"checked_in_at" timestamp (3) with time zone,
	"checked_in_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_attendees_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "event_attendees_once" UNIQUE("tenant_id","event_id","list_key")
);
--> statement-breakpoint
CREATE TABLE "event_groups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"head_count" integer NOT NULL,
	CONSTRAINT "event_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "event_groups_head_count" CHECK ("event_groups"."head_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "event_organisations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"partner_id" uuid,
	"company_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_organisations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "event_organisations_name" UNIQUE("tenant_id","event_id","name")
);
--> statement-breakpoint
CREATE TABLE "event_stops" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"note" text,
	CONSTRAINT "event_stops_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"venue" text,
	"location" text,
	"host" text,
	"organisers" text[] DEFAULT '{}'::text[] NOT NULL,
	"description_zh" text,
	"description_en" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "events_ends_after_start" CHECK ("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "site_travel_times" (
	"tenant_id" uuid NOT NULL,
	"site_a" uuid NOT NULL,
	"site_b" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_travel_times_tenant_id_site_a_site_b_pk" PRIMARY KEY("tenant_id","site_a","site_b"),
	CONSTRAINT "site_travel_times_order" CHECK ("site_travel_times"."site_a" < "site_travel_times"."site_b"),
	CONSTRAINT "site_travel_times_minutes" CHECK ("site_travel_times"."minutes" between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "event_id" uuid;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "capacity" integer;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "opening_hours" jsonb;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "host_name" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "host_phone" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "intro_zh" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "intro_en" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_event" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."events"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendees" ADD CONSTRAINT "event_attendees_organisation" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."event_organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_groups" ADD CONSTRAINT "event_groups_event" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."events"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organisations" ADD CONSTRAINT "event_organisations_event" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."events"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organisations" ADD CONSTRAINT "event_organisations_partner" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "public"."partners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_stops" ADD CONSTRAINT "event_stops_group" FOREIGN KEY ("tenant_id","group_id") REFERENCES "public"."event_groups"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_stops" ADD CONSTRAINT "event_stops_site" FOREIGN KEY ("tenant_id","site_id") REFERENCES "public"."sites"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_a" FOREIGN KEY ("tenant_id","site_a") REFERENCES "public"."sites"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_travel_times" ADD CONSTRAINT "site_travel_times_b" FOREIGN KEY ("tenant_id","site_b") REFERENCES "public"."sites"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_attendees_event" ON "event_attendees" USING btree ("tenant_id","event_id","name");--> statement-breakpoint
CREATE INDEX "event_groups_event" ON "event_groups" USING btree ("tenant_id","event_id","position");--> statement-breakpoint
CREATE INDEX "event_stops_event" ON "event_stops" USING btree ("tenant_id","event_id","group_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_starts" ON "events" USING btree ("tenant_id","starts_at","id");--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_event" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."events"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cockpit_targets" ADD CONSTRAINT "cockpit_targets_site" FOREIGN KEY ("tenant_id","site_id") REFERENCES "public"."sites"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_event" FOREIGN KEY ("tenant_id","event_id") REFERENCES "public"."events"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_site" FOREIGN KEY ("tenant_id","site_id") REFERENCES "public"."sites"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_event" ON "projects" USING btree ("tenant_id","event_id");--> statement-breakpoint
-- Events and the travel-time table are tenant data like any other: row-level security scopes them to the request's tenant.
SELECT lodestone_scope_to_tenant('events');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('event_organisations');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('event_attendees');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('event_groups');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('event_stops');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('site_travel_times');
