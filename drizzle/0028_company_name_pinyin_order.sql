-- Names sorted in code-point order (一, 丁, 七, 万, 三, 上 …), which means nothing to a Chinese reader; they now sort
-- by a pinyin key computed in JavaScript (domain/name-order.ts), as the embedded engine's ICU has no Chinese
-- collation. COLLATE "C" compares the keys byte for byte, the same on every engine. Rows stored before this
-- migration get their key on the next start (companies/name-sort-keys.ts), which then makes the column required.
ALTER TABLE "companies" ADD COLUMN "name_sort" text COLLATE "C";
--> statement-breakpoint
-- The name order's index, walked by a search sorted by name: keyed by the sort key, carrying the names it checks.
DROP INDEX companies_sort_name;
--> statement-breakpoint
CREATE INDEX companies_sort_name ON companies (tenant_id, name_sort, id) INCLUDE (name_zh, name_en, former_names);
--> statement-breakpoint
DROP INDEX companies_headquarters;
--> statement-breakpoint
CREATE INDEX companies_headquarters ON companies (tenant_id, hq_type)
  INCLUDE (id, name_sort, established_on, registered_capital_yuan, updated_at) WHERE hq_type <> 'none';
--> statement-breakpoint
DROP FUNCTION lodestone_company_name_search(text[], text, text[], text[], integer);
--> statement-breakpoint
-- As in migration 0026, returning the name's sort key instead of the name: the search sorts by it.
CREATE FUNCTION lodestone_company_name_search(grams text[], pattern text, towns text[], kinds text[], max_rows integer)
RETURNS TABLE (
  id uuid, name_sort text, established_on date, registered_capital_yuan bigint, updated_at timestamptz,
  industry_code text, industry_division text, industry_section text, town_code text, park text,
  status text, enterprise_type text, hq_type text
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cased boolean := lower(pattern) <> upper(pattern);
  lowered text := lower(pattern);
BEGIN
  IF kinds IS NULL THEN
    RETURN QUERY
      SELECT c.id, c.name_sort, c.established_on, c.registered_capital_yuan, c.updated_at, c.industry_code,
             c.industry_division, c.industry_section, c.town_code, c.park, c.status, c.enterprise_type, c.hq_type
      FROM companies c
      WHERE c.tenant_id = current_setting('app.tenant_id')::uuid
        AND c.name_grams @> grams
        AND (towns IS NULL OR c.town_code = ANY (towns))
        AND CASE WHEN cased
              THEN lower(c.name_zh) LIKE lowered OR lower(c.name_en) LIKE lowered
                OR (c.former_names <> '{}' AND lower(array_to_string(c.former_names, ' ')) LIKE lowered)
              ELSE c.name_zh LIKE pattern OR c.name_en LIKE pattern
                OR (c.former_names <> '{}' AND array_to_string(c.former_names, ' ') LIKE pattern)
            END
      LIMIT max_rows;
  ELSE
    RETURN QUERY
      SELECT c.id, c.name_sort, c.established_on, c.registered_capital_yuan, c.updated_at, c.industry_code,
             c.industry_division, c.industry_section, c.town_code, c.park, c.status, c.enterprise_type, c.hq_type
      FROM companies c
      WHERE c.tenant_id = current_setting('app.tenant_id')::uuid
        AND c.name_grams @> grams
        AND ARRAY[c.status, c.enterprise_type, c.hq_type] @> kinds
        AND (towns IS NULL OR c.town_code = ANY (towns))
        AND CASE WHEN cased
              THEN lower(c.name_zh) LIKE lowered OR lower(c.name_en) LIKE lowered
                OR (c.former_names <> '{}' AND lower(array_to_string(c.former_names, ' ')) LIKE lowered)
              ELSE c.name_zh LIKE pattern OR c.name_en LIKE pattern
                OR (c.former_names <> '{}' AND array_to_string(c.former_names, ' ') LIKE pattern)
            END
      LIMIT max_rows;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_name_search(text[], text, text[], text[], integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_name_search(text[], text, text[], text[], integer) TO lodestone_app;
