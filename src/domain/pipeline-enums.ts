/** The coded values of projects and partners, shared by the server and the web app (which imports only this file). */

export const partnerKinds = ['association', 'federation', 'chamber', 'agency', 'referring_company'] as const;
export type PartnerKind = (typeof partnerKinds)[number];

/** What the investment is: the kinds the bureau reports, after fDi Markets' project types. */
export const projectKinds = [
  'new_establishment',
  'expansion',
  'regional_hq',
  'rnd_center',
  'production_base',
  'fund',
] as const;
export type ProjectKind = (typeof projectKinds)[number];

/** Where a project came from; a partner referral names the partner, and only then may a partner user see it. */
export const projectSources = ['partner_referral', 'event', 'direct', 'company_referral'] as const;
export type ProjectSource = (typeof projectSources)[number];

export const priorities = ['high', 'medium', 'low'] as const;
export type Priority = (typeof priorities)[number];

export const activityKinds = ['call', 'visit', 'meeting', 'note'] as const;
export type ActivityKind = (typeof activityKinds)[number];
