/** The coded values of a company record, shared by the server and the web app (which imports only this file). */
export const statuses = ['active', 'revoked', 'cancelled', 'moved_out'] as const;
export type CompanyStatus = (typeof statuses)[number];
export const enterpriseTypes = ['domestic', 'foreign', 'hmt'] as const;
export type EnterpriseType = (typeof enterpriseTypes)[number];
export const hqTypes = ['none', 'regional_hq', 'rnd_center'] as const;
export type HqType = (typeof hqTypes)[number];
