-- Row-level security may only push leakproof operators into an index scan, and array containment (@>) is not
-- marked leakproof, so under the tenant policy the name-gram index went unused and every search scanned the
-- table. This function runs as the owner to use the index, and scopes itself by the same transaction setting
-- the policy reads, so it can return only the caller's tenant's rows; callers still read the rows through RLS.
-- EXECUTE plans with the actual grams each time: a generic plan cannot tell a rare gram from a common one.
CREATE OR REPLACE FUNCTION lodestone_company_name_matches(grams text[], pattern text, max_rows integer)
RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY EXECUTE
    'SELECT id FROM companies
     WHERE tenant_id = current_setting(''app.tenant_id'')::uuid
       AND name_grams @> $1
       AND (name_zh ILIKE $2 OR name_en ILIKE $2 OR array_to_string(former_names, '' '') ILIKE $2)
     LIMIT $3'
    USING grams, pattern, max_rows;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_name_matches(text[], text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_name_matches(text[], text, integer) TO lodestone_app;
