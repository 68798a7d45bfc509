-- A name search sorted by name walks this index in order and checks each entry's names until its page is full
-- (src/modules/companies/search.ts). Carrying the English and former names in the index lets that check run on
-- the index alone (an index-only scan, no visit to the row) for every entry the search passes over; only the
-- entries whose names match are looked up in the table. Keyset paging by name reads the same index as before.
DROP INDEX IF EXISTS companies_sort_name;
--> statement-breakpoint
CREATE INDEX companies_sort_name ON companies (tenant_id, name_zh, id) INCLUDE (name_en, former_names);
