-- Very similar names by trigram similarity and a rare character pair in common (the rule is explained in
-- src/modules/companies/similar-names.ts). Candidates are found through the name search's gram index, so the
-- trigram index on the normalised name, whose similarity scan checked every name sharing the common words, goes.
DROP INDEX IF EXISTS companies_name_key_trgm;
--> statement-breakpoint
DROP FUNCTION IF EXISTS lodestone_company_similar_names(text, real, integer);
--> statement-breakpoint
-- The part of a normalised name whose character pairs are compared: without a trailing 分公司 or 集团, and nothing of
-- a name that is only a legal form, which the name grams leave out. Mirrors comparedText in similar-names.ts.
CREATE OR REPLACE FUNCTION lodestone_company_name_compared(key text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN key IN ('股份有限公司', '有限责任公司', '特殊普通合伙', '有限公司', '股份公司', '普通合伙', '有限合伙', '公司')
    THEN '' ELSE regexp_replace(key, '(分公司|集团)$', '') END
$$;
--> statement-breakpoint
-- Companies holding one of the name's rare character pairs (one probe of the name-gram index), then the rule itself
-- on their normalised names. Owner-run like the name search: under the tenant policy the array operator (not
-- leakproof) cannot use the index.
CREATE OR REPLACE FUNCTION lodestone_company_similar_names(key text, rare text[], threshold real, max_rows integer)
RETURNS TABLE (id uuid, similarity real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.id, similarity(c.name_key, key) FROM companies c
  WHERE c.tenant_id = current_setting('app.tenant_id')::uuid AND c.name_grams && rare AND c.name_key <> key
    AND similarity(c.name_key, key) >= threshold
    AND EXISTS (SELECT FROM unnest(rare) AS p WHERE strpos(lodestone_company_name_compared(c.name_key), p) > 0)
  ORDER BY 2 DESC, c.name_key, c.id
  LIMIT max_rows
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_similar_names(text, text[], real, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_similar_names(text, text[], real, integer) TO lodestone_app;
