/** The mapping step of an import: which field each column of the file goes to. Pure, for the page and tests. */
import { REQUIRED_IMPORT_FIELDS } from '../../api/companies.ts';

/** A column the user has not decided on yet (the server did not recognise its header). */
export const UNSET = '';
/** The column is left out of the import. */
export const IGNORE = '__ignore__';

/** Header → field name, {@link IGNORE}, or {@link UNSET}. */
export type MappingChoice = Record<string, string>;

export function initialChoice(headers: string[], mapping: Record<string, string | null>): MappingChoice {
  const choice: MappingChoice = {};
  for (const header of headers) choice[header] = mapping[header] ?? UNSET;
  return choice;
}

export interface MappingCheck {
  /** Required fields no column is mapped to. */
  missing: string[];
  /** Fields more than one column is mapped to. */
  duplicates: string[];
  /** Columns still waiting for a decision. */
  unresolved: string[];
  ready: boolean;
}

export function checkMapping(headers: string[], choice: MappingChoice): MappingCheck {
  const counts = new Map<string, number>();
  const unresolved: string[] = [];
  for (const header of headers) {
    const value = choice[header] ?? UNSET;
    if (value === UNSET) unresolved.push(header);
    else if (value !== IGNORE) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => !counts.has(field));
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([field]) => field);
  return {
    missing,
    duplicates,
    unresolved,
    ready: missing.length === 0 && duplicates.length === 0 && unresolved.length === 0,
  };
}

/** The body of POST …/start: every column, a field or '' to ignore it. */
export function startMapping(headers: string[], choice: MappingChoice): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const value = choice[header] ?? UNSET;
    mapping[header] = value === IGNORE || value === UNSET ? '' : value;
  }
  return mapping;
}

/** Leaves out every column still undecided. */
export function ignoreUnresolved(headers: string[], choice: MappingChoice): MappingChoice {
  const next = { ...choice };
  for (const header of headers) if ((next[header] ?? UNSET) === UNSET) next[header] = IGNORE;
  return next;
}

export const ACCEPTED_EXTENSIONS = ['.csv', '.xlsx'] as const;

export function isSpreadsheetName(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Share of the file read so far, 0–100, or null when the size is unknown. */
export function progressPercent(bytesRead: number, totalBytes: number | null): number | null {
  if (!totalBytes || totalBytes <= 0) return null;
  return Math.min(100, Math.max(0, (bytesRead / totalBytes) * 100));
}
