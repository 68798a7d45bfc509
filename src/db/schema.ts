export * from '../modules/audit/schema.ts';
export * from '../modules/companies/schema.ts';
export * from '../modules/identity/schema.ts';
export * from '../modules/partners/schema.ts';
export * from '../modules/projects/schema.ts';
export * from '../modules/reference/schema.ts';
export * from '../modules/tenants/schema.ts';
export * from '../modules/territory/schema.ts';
