CREATE TABLE "companies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"credit_code" text COLLATE "C" NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"former_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"legal_representative" text,
	"industry_code" text,
	"industry_division" text,
	"industry_section" text,
	"registered_capital_yuan" bigint,
	"capital_currency" text DEFAULT 'CNY' NOT NULL,
	"established_on" date,
	"town_code" text,
	"park" text,
	"address" text,
	"status" text DEFAULT 'active' NOT NULL,
	"enterprise_type" text DEFAULT 'domestic' NOT NULL,
	"source_country" text,
	"hq_type" text DEFAULT 'none' NOT NULL,
	"employees" integer,
	"annual_output_yuan" bigint,
	"annual_tax_yuan" bigint,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"name_key" text NOT NULL,
	"name_grams" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "companies_tenant_credit_code" UNIQUE("tenant_id","credit_code")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text,
	"encoding" text,
	"status" text NOT NULL,
	"mapping" text,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"tenant_id" uuid NOT NULL,
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"reason" text NOT NULL,
	"raw" text,
	CONSTRAINT "import_rejects_tenant_id_job_id_line_pk" PRIMARY KEY("tenant_id","job_id","line")
);
--> statement-breakpoint
CREATE INDEX "companies_established" ON "companies" USING btree ("tenant_id","established_on");--> statement-breakpoint
CREATE INDEX "companies_town" ON "companies" USING btree ("tenant_id","town_code","established_on");--> statement-breakpoint
CREATE INDEX "companies_industry" ON "companies" USING btree ("tenant_id","industry_code");--> statement-breakpoint
CREATE INDEX "companies_name_key" ON "companies" USING btree ("tenant_id","name_key");