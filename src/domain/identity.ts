export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
}

/** Slugs appear in URLs and CLI flags: lowercase letters, digits and single hyphens. */
export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) && slug.length <= 40;
}

export const minPasswordLength = 10;

export function passwordProblem(password: string): string | null {
  if (password.length < minPasswordLength) return `password must be at least ${minPasswordLength} characters`;
  if (password.length > 200) return 'password must be at most 200 characters';
  return null;
}

/** GB/T 2260 codes: 2 digits province, 4 city, 6 county, 9 town (NBS extension). */
export type DivisionLevel = 'province' | 'city' | 'county' | 'town';

export function divisionLevel(code: string): DivisionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 2:
      return 'province';
    case 4:
      return 'city';
    case 6:
      return 'county';
    case 9:
      return 'town';
    default:
      return null;
  }
}

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}
