-- The planner's statistics of the company name grams: each common gram with the share of rows that hold it. A
-- name search estimates its matches from them (the table's row count times its rarest gram's share; a gram not
-- listed is rarer than any listed) to choose between gathering every match through the gram index and walking
-- the list's order index (see src/modules/companies/search.ts). Owner-run because pg_stats hides the statistics
-- of a table under row-level security; the shares are district-wide, used only to choose a plan and never
-- returned to a client. No rows before the table has statistics.
CREATE OR REPLACE FUNCTION lodestone_company_name_gram_statistics()
RETURNS TABLE (gram text, share real)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT e.gram, e.share
  FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(gram, share)
  WHERE s.schemaname = 'public' AND s.tablename = 'companies' AND s.attname = 'name_grams' AND e.gram IS NOT NULL
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lodestone_company_name_gram_statistics() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lodestone_company_name_gram_statistics() TO lodestone_app;
