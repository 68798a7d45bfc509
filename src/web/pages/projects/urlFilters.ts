/**
 * Filters of the project table that arrive in the URL: a cockpit figure (or any link) opens exactly the projects it
 * counts, e.g. /projects?major=true&signedFrom=2021-01-01&zone=…. Only well-formed values are kept, so a hand-edited
 * link narrows the list or is ignored, never breaks it.
 */
import { projectKinds, projectSources } from '../../../domain/pipeline-enums.ts';
import { pipelineStages, stages } from '../../../domain/project-stages.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const listOf = (allowed: readonly string[]) => (value: string) => {
  const items = value.split(',').map((v) => v.trim());
  return items.length > 0 && items.every((v) => allowed.includes(v));
};

/** Each URL filter the table understands, in the order its chips are shown, with what makes a value valid. */
export const URL_FILTERS = {
  stage: listOf(stages),
  reached: (v: string) => (pipelineStages as readonly string[]).includes(v),
  kind: listOf(projectKinds),
  source: listOf(projectSources),
  major: (v: string) => v === 'true' || v === 'false',
  foreignFunded: (v: string) => v === 'true' || v === 'false',
  zone: (v: string) => UUID.test(v),
  town: (v: string) => v.split(',').every((t) => /^\d{6,12}$/.test(t.trim())),
  cluster: (v: string) => UUID.test(v),
  site: (v: string) => UUID.test(v),
  partner: (v: string) => UUID.test(v),
  /** The partner credited with the project (the cockpit's leaderboard counts by this, as the scorecards do). */
  credited: (v: string) => UUID.test(v),
  company: (v: string) => UUID.test(v),
  signedFrom: (v: string) => DATE.test(v),
  signedTo: (v: string) => DATE.test(v),
} as const satisfies Record<string, (value: string) => boolean>;

export type UrlFilterKey = keyof typeof URL_FILTERS;
export const URL_FILTER_KEYS = Object.keys(URL_FILTERS) as UrlFilterKey[];

/** The URL's valid filters, as the API takes them. */
export function urlFiltersFromParams(params: URLSearchParams): Partial<Record<UrlFilterKey, string>> {
  const filters: Partial<Record<UrlFilterKey, string>> = {};
  for (const key of URL_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && URL_FILTERS[key](value)) filters[key] = value;
  }
  return filters;
}

/** The URL without one filter: a chip's close button. */
export function withoutFilter(params: URLSearchParams, key: UrlFilterKey): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(key);
  return next;
}
