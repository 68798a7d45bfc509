/**
 * The sections of the company profile, in page order. A later module (projects, policies, talents) adds its
 * section here: one entry with a component that loads its own data and renders null when it has nothing for
 * this company, so the page shows no empty placeholders.
 */
import type { ComponentType } from 'react';
import type { CompanyDetail } from '../../../api/companies.ts';
import type { Role } from '../../../api/types.ts';
import { CompanyFacts } from './CompanyFacts.tsx';
import { CompanyHistory } from './CompanyHistory.tsx';
import { CompanyProjects } from './CompanyProjects.tsx';
import { LikelyDuplicates } from './LikelyDuplicates.tsx';
import { SimilarNames } from './SimilarNames.tsx';

export interface CompanySectionProps {
  detail: CompanyDetail;
  /** The signed-in user may change the registry. */
  canEdit: boolean;
}

export interface CompanySection {
  id: string;
  /** Place on the page, lowest first: facts 10, duplicates 20, similar names 25, history 90; module sections go between. */
  order: number;
  /** Only these roles see the section; all registry readers when absent. */
  roles?: readonly Role[];
  /** The section, or null when it has nothing to show. */
  Component: ComponentType<CompanySectionProps>;
}

export const COMPANY_SECTIONS: readonly CompanySection[] = [
  { id: 'facts', order: 10, Component: CompanyFacts },
  { id: 'duplicates', order: 20, Component: LikelyDuplicates },
  { id: 'similar-names', order: 25, Component: SimilarNames },
  { id: 'projects', order: 40, roles: ['admin', 'officer', 'analyst', 'viewer'], Component: CompanyProjects },
  { id: 'history', order: 90, Component: CompanyHistory },
];

export function sectionsFor(role: Role): CompanySection[] {
  return COMPANY_SECTIONS.filter((section) => !section.roles || section.roles.includes(role)).sort(
    (a, b) => a.order - b.order,
  );
}
