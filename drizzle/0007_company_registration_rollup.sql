CREATE TABLE "rollup_company_months" (
	"tenant_id" uuid NOT NULL,
	"month" date NOT NULL,
	"town_code" text NOT NULL,
	"industry_section" text NOT NULL,
	"enterprise_type" text NOT NULL,
	"companies" integer NOT NULL,
	CONSTRAINT "rollup_company_months_tenant_id_month_town_code_industry_section_enterprise_type_pk" PRIMARY KEY("tenant_id","month","town_code","industry_section","enterprise_type")
);
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('rollup_company_months');
--> statement-breakpoint
-- Statement triggers with transition tables: one grouped upsert per statement, so a 10,000-row COPY of an
-- import costs one small aggregate, not 10,000 row triggers. Rows whose dimensions did not change cancel out.
CREATE OR REPLACE FUNCTION lodestone_rollup_company_months() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS delta FROM lodestone_new_companies n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS delta FROM lodestone_old_companies o'
    ELSE 'SELECT n.*, 1 AS delta FROM lodestone_new_companies n UNION ALL SELECT o.*, -1 FROM lodestone_old_companies o'
  END;
BEGIN
  EXECUTE format($sql$
    INSERT INTO rollup_company_months AS r (tenant_id, month, town_code, industry_section, enterprise_type, companies)
    SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''),
      coalesce(industry_section, ''), enterprise_type, sum(delta)::int
    FROM (%s) c
    WHERE established_on IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(delta) <> 0
    ON CONFLICT (tenant_id, month, town_code, industry_section, enterprise_type)
    DO UPDATE SET companies = r.companies + excluded.companies
  $sql$, changes);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rollup_company_months_insert AFTER INSERT ON companies
  REFERENCING NEW TABLE AS lodestone_new_companies FOR EACH STATEMENT EXECUTE FUNCTION lodestone_rollup_company_months();
--> statement-breakpoint
CREATE TRIGGER rollup_company_months_update AFTER UPDATE ON companies
  REFERENCING OLD TABLE AS lodestone_old_companies NEW TABLE AS lodestone_new_companies
  FOR EACH STATEMENT EXECUTE FUNCTION lodestone_rollup_company_months();
--> statement-breakpoint
CREATE TRIGGER rollup_company_months_delete AFTER DELETE ON companies
  REFERENCING OLD TABLE AS lodestone_old_companies FOR EACH STATEMENT EXECUTE FUNCTION lodestone_rollup_company_months();
--> statement-breakpoint
INSERT INTO rollup_company_months (tenant_id, month, town_code, industry_section, enterprise_type, companies)
SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''), coalesce(industry_section, ''),
  enterprise_type, count(*)::int
FROM companies WHERE established_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
