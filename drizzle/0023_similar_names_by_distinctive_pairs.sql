-- Very similar names by trigram similarity and distinctive character pairs in common (the rule is explained in
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
-- Companies holding one of the name's rare pairs or two of its other distinctive pairs (one GIN probe of the name
-- grams each), then the rule itself on their normalised names: a rare pair in common counts 2, a distinctive one 1,
-- and 2 are needed. Owner-run like the name search: under the tenant policy the array operator (not leakproof)
-- cannot use the index. Built with EXECUTE so that the planner sees each probe's pairs.
CREATE OR REPLACE FUNCTION lodestone_company_similar_names(
  key text, rare text[], distinctive text[], threshold real, max_rows integer
)
RETURNS TABLE (id uuid, similarity real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  candidates text;
BEGIN
  SELECT string_agg(probe, ' OR ') INTO candidates FROM (
    SELECT format('c.name_grams @> ARRAY[%L]', r) AS probe FROM unnest(rare) AS r
    UNION ALL
    SELECT format('c.name_grams @> ARRAY[%L, %L]', a.pair, b.pair)
    FROM unnest(distinctive) WITH ORDINALITY AS a(pair, i) JOIN unnest(distinctive) WITH ORDINALITY AS b(pair, j) ON a.i < b.j
  ) probes;
  IF candidates IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format(
    'SELECT c.id, similarity(c.name_key, $1) FROM companies c
     WHERE c.tenant_id = current_setting(''app.tenant_id'')::uuid AND (%s) AND c.name_key <> $1
       AND similarity(c.name_key, $1) >= $4
       AND (SELECT 2 * count(*) FILTER (WHERE p.rare) + count(*) FILTER (WHERE NOT p.rare)
            FROM (SELECT r, true FROM unnest($2) AS r UNION ALL SELECT d, false FROM unnest($3) AS d) AS p(pair, rare)
            WHERE strpos(lodestone_company_name_compared(c.name_key), p.pair) > 0) >= 2
     ORDER BY 2 DESC, c.name_key, c.id
     LIMIT $5', candidates)
    USING key, rare, distinctive, threshold, max_rows;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_similar_names(text, text[], text[], real, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_similar_names(text, text[], text[], real, integer) TO lodestone_app;
