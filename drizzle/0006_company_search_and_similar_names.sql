-- Name search returns the matching rows themselves, not their ids: the list then sorts and filters these
-- candidates and reads only its page back through row-level security, instead of fetching every candidate a
-- second time by key (at 1,000,000 rows that re-fetch cost as much as the search). Town filters go inside, so a
-- town officer's search gathers candidates from their own towns. Same tenant rule as the old function and the
-- policy; EXECUTE plans with the actual grams each time.
DROP FUNCTION IF EXISTS lodestone_company_name_matches(text[], text, integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION lodestone_company_name_search(grams text[], pattern text, towns text[], max_rows integer)
RETURNS SETOF companies
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT * FROM companies
     WHERE tenant_id = current_setting(''app.tenant_id'')::uuid
       AND name_grams @> $1
       AND ($3 IS NULL OR town_code = ANY ($3))
       AND (name_zh ILIKE $2 OR name_en ILIKE $2
            OR (former_names <> ''{}'' AND array_to_string(former_names, '' '') ILIKE $2))
     LIMIT $4'
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
