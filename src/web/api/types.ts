/** Response shapes of the Lodestone API (/api/v1) used by the web shell. */

export type Role = 'admin' | 'officer' | 'analyst' | 'viewer' | 'partner';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

export interface SessionTenant {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string | null;
  divisionCode: string;
  defaultLocale: string;
}

export interface Session {
  user: SessionUser;
  tenant: SessionTenant;
  role: Role;
  /** Division codes the membership is narrowed to; empty means all towns. */
  towns: string[];
  partnerId: string | null;
}

export interface ListResponse<T> {
  items: T[];
}

export interface Town {
  code: string;
  nameZh: string;
  nameEn: string | null;
}

export interface Zone {
  id: string;
  nameZh: string;
  nameEn: string | null;
  townCodes: string[];
}

export type SiteKind =
  | 'exhibition_hall'
  | 'industrial_park'
  | 'industrial_base'
  | 'company_showroom'
  | 'other';

export interface Site {
  id: string;
  nameZh: string;
  nameEn: string | null;
  kind: SiteKind;
  townCode: string | null;
}

export interface Cluster {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  industryCodes: string[];
}

export type DivisionLevel = 'province' | 'city' | 'county' | 'town';

export interface Division {
  code: string;
  name: string;
  parentCode: string | null;
  level: DivisionLevel;
}

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface Industry {
  code: string;
  parentCode: string | null;
  level: IndustryLevel;
  nameZh: string;
  nameEn: string | null;
}

/** `import`: a bulk import, which records the companies it created once (see the import pipeline). */
export type AuditAction = 'create' | 'update' | 'delete' | 'import';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  entity: string;
  entityId: string;
  action: AuditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
