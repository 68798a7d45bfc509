import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Division, Industry, ListResponse } from './types.ts';

export type ReferenceKind = 'divisions' | 'industries';
export type ReferenceItem<K extends ReferenceKind> = K extends 'divisions' ? Division : Industry;

/** How many children to ask for when listing one level (the API's default is 50). */
export const CHILDREN_LIMIT = 200;
export const SEARCH_LIMIT = 50;

export const referenceKeys = {
  children: (kind: ReferenceKind, parent: string | null) => ['reference', kind, 'children', parent] as const,
  search: (kind: ReferenceKind, q: string) => ['reference', kind, 'search', q] as const,
  path: (kind: ReferenceKind, code: string | null) => ['reference', kind, 'path', code] as const,
};

export async function fetchReferenceChildren<K extends ReferenceKind>(
  kind: K,
  parent: string | null,
  signal?: AbortSignal,
): Promise<ReferenceItem<K>[]> {
  const query = { parent: parent ?? undefined, limit: CHILDREN_LIMIT };
  const body = await api.get<ListResponse<ReferenceItem<K>>>(`/api/v1/reference/${kind}`, query, signal);
  return body.items;
}

export async function searchReference<K extends ReferenceKind>(
  kind: K,
  q: string,
  signal?: AbortSignal,
): Promise<ReferenceItem<K>[]> {
  const body = await api.get<ListResponse<ReferenceItem<K>>>(
    `/api/v1/reference/${kind}`,
    { q, limit: SEARCH_LIMIT },
    signal,
  );
  return body.items;
}

/** Children of `parent`, through the query cache (shared with the listing on screen). */
export function cachedChildren<K extends ReferenceKind>(
  queryClient: QueryClient,
  kind: K,
  parent: string | null,
) {
  return queryClient.fetchQuery({
    queryKey: referenceKeys.children(kind, parent),
    queryFn: ({ signal }) => fetchReferenceChildren(kind, parent, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type ChildrenOf<T> = (code: string) => Promise<T[]>;

/**
 * The chain root → … → `code` for breadcrumbs, found top-down: at each level take the node that
 * is `code` itself or contains it. Returns what it found if the chain breaks off.
 */
export async function resolvePath<T extends { code: string }>(
  code: string,
  childrenOf: (parent: string | null) => Promise<T[]>,
  contains: (node: T, target: string, childrenOf: ChildrenOf<T>) => Promise<boolean> | boolean,
  maxDepth = 6,
): Promise<T[]> {
  const path: T[] = [];
  let parent: string | null = null;
  for (let depth = 0; depth < maxDepth; depth++) {
    const children = await childrenOf(parent);
    const exact = children.find((child) => child.code === code);
    if (exact) {
      path.push(exact);
      return path;
    }
    const flags = await Promise.all(children.map((child) => contains(child, code, (c) => childrenOf(c))));
    const next = children[flags.indexOf(true)];
    if (!next) return path;
    path.push(next);
    parent = next.code;
  }
  return path;
}

const DIVISION_PREFIX: Partial<Record<Division['level'], number>> = { province: 2, city: 4, county: 6 };

/** GB/T 2260: a province's code is its first 2 digits, a city's 4, a county's 6; towns start with their county's. */
export function divisionContains(node: Division, target: string): boolean {
  const length = DIVISION_PREFIX[node.level];
  if (!length) return false;
  return target.length > length && target !== node.code && target.startsWith(node.code.slice(0, length));
}

/** GB/T 4754: group and class codes extend their division's; a section is known by its divisions. */
export async function industryContains(
  node: Industry,
  target: string,
  childrenOf: ChildrenOf<Industry>,
): Promise<boolean> {
  if (node.level === 'class' || target === node.code) return false;
  if (node.level === 'section') {
    const divisions = await childrenOf(node.code);
    return divisions.some((division) => target === division.code || target.startsWith(division.code));
  }
  return target.startsWith(node.code);
}

/** One level of the industry classification (the 20 sections for `null`), cached for the session. */
export function useIndustryChildren(parent: string | null, enabled = true) {
  return useQuery({
    queryKey: referenceKeys.children('industries', parent),
    queryFn: ({ signal }) => fetchReferenceChildren('industries', parent, signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** One industry by its code (section letter, or 2–4 digits), or null when there is none. */
export async function fetchIndustry(code: string, signal?: AbortSignal): Promise<Industry | null> {
  if (/^[A-T]$/.test(code)) {
    const sections = await fetchReferenceChildren('industries', null, signal);
    return sections.find((item) => item.code === code) ?? null;
  }
  const found = await searchReference('industries', code, signal);
  return found.find((item) => item.code === code) ?? null;
}

export function useIndustry(code: string | null | undefined) {
  return useQuery({
    queryKey: ['reference', 'industries', 'code', code ?? ''] as const,
    queryFn: ({ signal }) => fetchIndustry(code as string, signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: Boolean(code),
  });
}
