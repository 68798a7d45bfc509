-- A list of headquarters without a search word (regional HQs, R&D centres: a few thousand companies among a million)
-- walked a sort index past every other company, or visited each headquarters' row to sort them: 90-270 ms at
-- 1,000,000 on the embedded engine. This index holds only headquarters and carries every sort column, so a page's
-- ids are picked from it alone and only the page's rows are read: 9-18 ms. Built once after a large embedded load
-- with the other secondary indexes; PostgreSQL keeps it up for the few headquarters an import writes.
CREATE INDEX companies_headquarters ON companies (tenant_id, hq_type)
  INCLUDE (id, name_zh, established_on, registered_capital_yuan, updated_at) WHERE hq_type <> 'none';
