/**
 * Adds the companies an import created ($1, the job) to the registration roll-up, as the insert trigger would
 * have (see migration 0007). For a large load on the embedded engine, which switches that trigger off for
 * the load and counts the new rows once at the end, in the same transaction.
 */
export const countImportedRegistrations = `
insert into rollup_company_months as r (tenant_id, month, town_code, industry_section, enterprise_type, companies)
select tenant_id, date_trunc('month', established_on)::date, coalesce(town_code, ''), coalesce(industry_section, ''),
  enterprise_type, count(*)::int
from companies where import_job_id = $1 and established_on is not null
group by 1, 2, 3, 4, 5
on conflict (tenant_id, month, town_code, industry_section, enterprise_type)
do update set companies = r.companies + excluded.companies`;
