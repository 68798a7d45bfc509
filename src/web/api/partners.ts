/** The partners API (/api/v1/partners): shapes, query keys and fetchers. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { PartnerKind } from '../../domain/pipeline-enums.ts';
import { api } from './client.ts';

export interface Scorecard {
  partnerId: string;
  referred: number;
  signed: number;
  amountSignedYuan: string;
  conversion: number | null;
  medianDaysLeadToSigned: number | null;
}

export interface Partner {
  id: string;
  nameZh: string;
  nameEn: string | null;
  kind: PartnerKind;
  companyId: string | null;
  region: string | null;
  agreementRef: string | null;
  agreementSignedOn: string | null;
  website: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerContact {
  id: string;
  partnerId: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
}

export interface PartnerFilters {
  q?: string | undefined;
  kind?: string | undefined;
}

export const partnerKeys = {
  list: (filters: PartnerFilters) => ['partners', 'list', filters] as const,
  detail: (id: string) => ['partners', 'detail', id] as const,
};

/** Partners by name with their scorecards, a page of 100 at a time. */
export function usePartners(filters: PartnerFilters) {
  return useInfiniteQuery({
    queryKey: partnerKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: (Partner & { scorecard: Scorecard })[]; nextCursor: string | null }>(
        '/api/v1/partners',
        { q: filters.q, kind: filters.kind, limit: 100, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePartner(id: string) {
  return useQuery({
    queryKey: partnerKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<{ partner: Partner; contacts: PartnerContact[]; scorecard: Scorecard }>(
        `/api/v1/partners/${id}`,
        undefined,
        signal,
      ),
  });
}
