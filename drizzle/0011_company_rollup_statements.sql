-- The registry roll-ups' statements, written once: the triggers run them over their transition tables, and a
-- large embedded import, which switches the insert trigger off for its load, runs them over the rows it created
-- (src/modules/companies/rollup.ts). A change in here reaches both.
CREATE OR REPLACE FUNCTION lodestone_rollup_company_statements(changes text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    format($f$
      INSERT INTO rollup_company_months AS r (tenant_id, month, town_code, industry_section, enterprise_type, companies)
      SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''),
        coalesce(industry_section, ''), enterprise_type, sum(delta)::int
      FROM (%s) c
      WHERE established_on IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(delta) <> 0
      ON CONFLICT (tenant_id, month, town_code, industry_section, enterprise_type)
      DO UPDATE SET companies = r.companies + excluded.companies
    $f$, changes),
    format($f$
      INSERT INTO rollup_company_town_months AS r (tenant_id, month, town_code, companies)
      SELECT tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''), sum(delta)::int
      FROM (%s) c
      WHERE established_on IS NOT NULL
      GROUP BY 1, 2, 3
      HAVING sum(delta) <> 0
      ON CONFLICT (tenant_id, month, town_code) DO UPDATE SET companies = r.companies + excluded.companies
    $f$, changes)
  ]
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_rollup_company_months() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS delta FROM lodestone_new_companies n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS delta FROM lodestone_old_companies o'
    ELSE 'SELECT n.*, 1 AS delta FROM lodestone_new_companies n UNION ALL SELECT o.*, -1 FROM lodestone_old_companies o'
  END;
  statement text;
BEGIN
  FOREACH statement IN ARRAY lodestone_rollup_company_statements(changes) LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END
$$;
