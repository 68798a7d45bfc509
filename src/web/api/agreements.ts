/** The agreements API (/api/v1/agreements): shapes, query keys, fetchers and writes. */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  AgreementKind,
  AgreementStatus,
  IntroducerRole,
  MilestoneKind,
  PartyKind,
} from '../../domain/agreements.ts';
import { api, apiUpload, type QueryValue } from './client.ts';
import type { AuditPage } from './types.ts';

export const AGREEMENT_SORT_KEYS = ['updated', 'signed', 'title', 'termEnd'] as const;
export type AgreementSortKey = (typeof AGREEMENT_SORT_KEYS)[number];

export interface AgreementParty {
  id: string;
  kind: PartyKind;
  partnerId: string | null;
  companyId: string | null;
  nameZh: string | null;
  nameEn: string | null;
  role: string | null;
}

export interface Agreement {
  id: string;
  kind: AgreementKind;
  titleZh: string;
  titleEn: string | null;
  referenceNo: string | null;
  summary: string | null;
  status: AgreementStatus;
  storedStatus: AgreementStatus;
  allowedMoves: AgreementStatus[];
  signedOn: string | null;
  eventId: string | null;
  termStart: string | null;
  termEnd: string | null;
  renewsId: string | null;
  renewedBy: { id: string; titleZh: string }[];
  parties: AgreementParty[];
  projects: { id: string; title: string; stage: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface AgreementFilters {
  q?: string;
  kind?: string;
  status?: string;
  expiringBefore?: string;
  sort: AgreementSortKey;
  order: 'asc' | 'desc';
}

export interface Milestone {
  id: string;
  agreementId: string;
  kind: MilestoneKind;
  title: string;
  ownerUserId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
}

export interface DueMilestone extends Milestone {
  agreementTitleZh: string;
  agreementTitleEn: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByEmail: string;
  uploadedAt: string;
}

export interface Registration {
  id: string;
  partnerId: string;
  partner: { id: string; nameZh: string; nameEn: string | null } | null;
  projectId: string | null;
  project: { id: string; title: string; stage: string } | null;
  prospectName: string | null;
  role: IntroducerRole;
  registeredOn: string;
  note: string | null;
  beforeSigning: boolean;
  recordedAt: string;
}

export interface Owner {
  userId: string;
  displayName: string;
  email: string;
  role: string;
}

export const agreementKeys = {
  all: ['agreements'] as const,
  list: (filters: AgreementFilters) => ['agreements', 'list', filters] as const,
  detail: (id: string) => ['agreements', 'detail', id] as const,
  milestones: (id: string) => ['agreements', 'milestones', id] as const,
  attachments: (id: string) => ['agreements', 'attachments', id] as const,
  introducers: (id: string) => ['agreements', 'introducers', id] as const,
  audit: (id: string) => ['agreements', 'audit', id] as const,
  due: (owner: 'me' | 'all') => ['agreements', 'due', owner] as const,
  owners: ['agreements', 'owners'] as const,
};

export function useAgreements(filters: AgreementFilters) {
  return useInfiniteQuery({
    queryKey: agreementKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: Agreement[]; nextCursor: string | null; total: number }>(
        '/api/v1/agreements',
        { ...(filters as unknown as Record<string, QueryValue>), limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(id: string) {
  return useQuery({
    queryKey: agreementKeys.detail(id),
    queryFn: ({ signal }) => api.get<Agreement>(`/api/v1/agreements/${id}`, undefined, signal),
  });
}

const items =
  <T>(path: string) =>
  ({ signal }: { signal: AbortSignal }) =>
    api.get<{ items: T[] }>(path, undefined, signal).then((d) => d.items);

export function useMilestones(id: string) {
  return useQuery({
    queryKey: agreementKeys.milestones(id),
    queryFn: items<Milestone>(`/api/v1/agreements/${id}/milestones`),
  });
}

export function useAttachments(id: string) {
  return useQuery({
    queryKey: agreementKeys.attachments(id),
    queryFn: items<Attachment>(`/api/v1/agreements/${id}/attachments`),
  });
}

export function useIntroducers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: agreementKeys.introducers(id),
    queryFn: items<Registration>(`/api/v1/agreements/${id}/introducers`),
    enabled,
  });
}

export function useAgreementAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: agreementKeys.audit(id),
    queryFn: ({ signal }) => api.get<AuditPage>(`/api/v1/agreements/${id}/audit`, { limit: 100 }, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useDueMilestones(owner: 'me' | 'all', enabled: boolean) {
  return useQuery({
    queryKey: agreementKeys.due(owner),
    queryFn: ({ signal }) =>
      api.get<{ today: string; items: DueMilestone[] }>(
        '/api/v1/agreements/due',
        { days: 14, owner },
        signal,
      ),
    select: (data) => data.items,
    enabled,
  });
}

export function useOwners(enabled: boolean) {
  return useQuery({
    queryKey: agreementKeys.owners,
    queryFn: items<Owner>('/api/v1/agreements/owners'),
    enabled,
  });
}

export interface PartyInput {
  kind: PartyKind;
  partnerId?: string | null;
  companyId?: string | null;
  name?: string | null;
  role?: string | null;
}

export interface AgreementInput {
  kind: AgreementKind;
  titleZh: string;
  titleEn?: string | null;
  referenceNo?: string | null;
  summary?: string | null;
  signedOn?: string | null;
  termStart?: string | null;
  termEnd?: string | null;
  parties?: PartyInput[];
  projectIds?: string[];
}

export const createAgreement = (body: AgreementInput) => api.post<Agreement>('/api/v1/agreements', body);
export const updateAgreement = (id: string, body: Partial<AgreementInput>) =>
  api.patch<Agreement>(`/api/v1/agreements/${id}`, body);
export const moveAgreement = (id: string, to: AgreementStatus) =>
  api.post<Agreement>(`/api/v1/agreements/${id}/status`, { to });
export const renewAgreement = (id: string) => api.post<Agreement>(`/api/v1/agreements/${id}/renew`);
export const deleteAgreement = (id: string) => api.delete(`/api/v1/agreements/${id}`);

export interface MilestoneInput {
  kind?: MilestoneKind;
  title?: string;
  ownerUserId?: string | null;
  ownerName?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
}
export const addMilestone = (id: string, body: MilestoneInput) =>
  api.post<Milestone>(`/api/v1/agreements/${id}/milestones`, body);
export const updateMilestone = (id: string, milestoneId: string, body: MilestoneInput) =>
  api.patch<Milestone>(`/api/v1/agreements/${id}/milestones/${milestoneId}`, body);

export function uploadAttachment(id: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return apiUpload<Attachment>(`/api/v1/agreements/${id}/attachments`, form);
}
export const attachmentUrl = (id: string, attachmentId: string) =>
  `/api/v1/agreements/${id}/attachments/${attachmentId}`;

export const registerIntroducer = (
  id: string,
  body: {
    projectId?: string | null;
    prospectName?: string | null;
    role: IntroducerRole;
    registeredOn: string;
  },
) => api.post<Registration>(`/api/v1/agreements/${id}/introducers`, body);
