-- Credit codes compare byte-wise (COLLATE "C" on the column) so a prefix search is a range scan on the unique index.
SELECT lodestone_scope_to_tenant('companies');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('import_jobs');
--> statement-breakpoint
SELECT lodestone_scope_to_tenant('import_rejects');
--> statement-breakpoint
-- Name search: character pairs and English trigrams (see src/domain/search-grams.ts).
CREATE INDEX companies_name_grams ON companies USING gin (name_grams);
--> statement-breakpoint
-- Keyset paging sorts by these expressions; indexes on the same expressions keep the last page as fast as the first.
CREATE INDEX companies_sort_established ON companies (tenant_id, (coalesce(established_on, '0001-01-01'::date)), id);
--> statement-breakpoint
CREATE INDEX companies_sort_capital ON companies (tenant_id, (coalesce(registered_capital_yuan, -1)), id);
--> statement-breakpoint
CREATE INDEX companies_sort_name ON companies (tenant_id, name_zh, id);
--> statement-breakpoint
CREATE INDEX companies_sort_updated ON companies (tenant_id, updated_at, id);
--> statement-breakpoint
-- Time-ordered ids made in SQL (bulk imports write audit rows there); PostgreSQL 18 has uuidv7(), 15 does not.
CREATE OR REPLACE FUNCTION lodestone_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
      FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$$;
