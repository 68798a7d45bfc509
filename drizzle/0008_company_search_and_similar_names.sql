-- Name search returns the matching rows' sort and filter columns, not just their ids: the list then sorts,
-- filters and counts these candidates in one pass and reads only its page back through row-level security,
-- instead of fetching every candidate a second time by key (at 1,000,000 rows that re-fetch cost as much as the
-- search). A filter on another column must be added to the columns returned here (the tests combine every filter
-- with a search). Town filters go inside, so a town officer's search gathers candidates from their own towns.
-- A query without letters is checked with LIKE: ILIKE case-folds every candidate's names for nothing.
-- Same tenant rule as the old function and the policy; EXECUTE plans with the actual grams each time.
DROP FUNCTION IF EXISTS lodestone_company_name_matches(text[], text, integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_company_name_search(grams text[], pattern text, towns text[], max_rows integer)
RETURNS TABLE (
  id uuid, name_zh text, established_on date, registered_capital_yuan bigint, updated_at timestamptz,
  industry_code text, industry_division text, industry_section text, town_code text, park text,
  status text, enterprise_type text, hq_type text
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  op text := CASE WHEN lower(pattern) = upper(pattern) THEN 'LIKE' ELSE 'ILIKE' END;
BEGIN
  RETURN QUERY EXECUTE format(
    'SELECT id, name_zh, established_on, registered_capital_yuan, updated_at, industry_code, industry_division,
            industry_section, town_code, park, status, enterprise_type, hq_type
     FROM companies
     WHERE tenant_id = current_setting(''app.tenant_id'')::uuid
       AND name_grams @> $1
       AND ($3 IS NULL OR town_code = ANY ($3))
       AND (name_zh %1$s $2 OR name_en %1$s $2
            OR (former_names <> ''{}'' AND array_to_string(former_names, '' '') %1$s $2))
     LIMIT $4', op)
    USING grams, pattern, towns, max_rows;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_name_search(text[], text, text[], integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_name_search(text[], text, text[], integer) TO lodestone_app;
--> statement-breakpoint
-- Very similar names (see src/modules/companies/similar-names.ts): trigram similarity of the normalised name.
CREATE INDEX companies_name_key_trgm ON companies USING gin (name_key gin_trgm_ops);
--> statement-breakpoint
-- Owner-run for the same reason as the search: under the tenant policy the trigram operator (not leakproof)
-- cannot use the index. The threshold is set for this transaction only, so `%` uses it and the index serves it.
CREATE OR REPLACE FUNCTION lodestone_company_similar_names(key text, threshold real, max_rows integer)
RETURNS TABLE (id uuid, similarity real)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM set_config('pg_trgm.similarity_threshold', threshold::text, true);
  RETURN QUERY
    SELECT c.id, similarity(c.name_key, key) FROM companies c
    WHERE c.tenant_id = current_setting('app.tenant_id')::uuid AND c.name_key % key AND c.name_key <> key
    ORDER BY 2 DESC, c.name_key, c.id
    LIMIT max_rows;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_similar_names(text, real, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_similar_names(text, real, integer) TO lodestone_app;
