import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventKind, InvitationState, RsvpState } from '../../domain/events.ts';
import type { CheckResult, OpeningHours } from '../../domain/itinerary.ts';
import { api, apiRequest, apiUpload } from './client.ts';
import type { SiteKind } from './types.ts';

export interface EventCounts {
  organisations: number;
  attendees: number;
  accepted: number;
  checkedIn: number;
}

export interface LodestoneEvent {
  id: string;
  kind: EventKind;
  titleZh: string;
  titleEn: string | null;
  startsAt: string;
  endsAt: string;
  venue: string | null;
  location: string | null;
  host: string | null;
  organisers: string[];
  descriptionZh: string | null;
  descriptionEn: string | null;
}

export interface Organisation {
  id: string;
  partnerId: string | null;
  companyId: string | null;
  name: string;
}

export interface Attendee {
  id: string;
  organisationId: string | null;
  organisation: string | null;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  invitation: InvitationState;
  rsvp: RsvpState;
  checkedInAt: string | null;
  checkedInBy: string | null;
}

export interface PlanStop {
  id?: string;
  siteId: string;
  startsAt: string;
  endsAt: string;
  note?: string | null;
}
export interface PlanGroup {
  id?: string;
  name: string;
  headCount: number;
  stops: PlanStop[];
}
export interface Itinerary {
  groups: PlanGroup[];
}

export interface Outcomes {
  invitedOrganisations: number;
  attendees: number;
  accepted: number;
  checkedIn: number;
  attendingParties: number;
  leads: number;
  projectsSigned: number;
  amountSignedYuan: string;
  conversion: number | null;
  byMonth: { month: string; leads: number; signed: number; amountSignedYuan: string }[];
}

export interface Lead {
  id: string;
  title: string;
  stage: string;
  reachedStage: string;
  amountYuan: string | null;
  signedAt: string | null;
  createdAt: string;
}

export interface SiteDetail {
  id: string;
  nameZh: string;
  nameEn: string | null;
  kind: SiteKind;
  townCode: string;
  address: string | null;
  capacity: number | null;
  openingHours: OpeningHours | null;
  hostName: string | null;
  hostPhone: string | null;
  introZh: string | null;
  introEn: string | null;
}

export interface TravelTime {
  siteA: string;
  siteB: string;
  minutes: number;
}

export const eventKeys = {
  all: ['events'] as const,
  list: ['events', 'list'] as const,
  detail: (id: string) => ['events', 'detail', id] as const,
  attendees: (id: string) => ['events', 'attendees', id] as const,
  itinerary: (id: string) => ['events', 'itinerary', id] as const,
  outcomes: (id: string) => ['events', 'outcomes', id] as const,
  leads: (id: string) => ['events', 'leads', id] as const,
  sites: ['events', 'sites'] as const,
  travel: ['events', 'travel'] as const,
};

export const useEvents = () =>
  useQuery({
    queryKey: eventKeys.list,
    queryFn: ({ signal }) =>
      api.get<{ items: (LodestoneEvent & { counts: EventCounts })[] }>(
        '/api/v1/events',
        { limit: 200 },
        signal,
      ),
  });

export const useEvent = (id: string) =>
  useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<{ event: LodestoneEvent; organisations: Organisation[]; counts: EventCounts }>(
        `/api/v1/events/${id}`,
        undefined,
        signal,
      ),
  });

export const useAttendees = (id: string) =>
  useQuery({
    queryKey: eventKeys.attendees(id),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: Attendee[] }>(`/api/v1/events/${id}/attendees`, undefined, signal)).items,
  });

export const useItinerary = (id: string) =>
  useQuery({
    queryKey: eventKeys.itinerary(id),
    queryFn: ({ signal }) => api.get<Itinerary>(`/api/v1/events/${id}/itinerary`, undefined, signal),
  });

export const useOutcomes = (id: string) =>
  useQuery({
    queryKey: eventKeys.outcomes(id),
    queryFn: ({ signal }) => api.get<Outcomes>(`/api/v1/events/${id}/outcomes`, undefined, signal),
  });

export const useLeads = (id: string) =>
  useQuery({
    queryKey: eventKeys.leads(id),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: Lead[] }>(`/api/v1/events/${id}/leads`, undefined, signal)).items,
  });

export const useSiteDetails = () =>
  useQuery({
    queryKey: eventKeys.sites,
    queryFn: async ({ signal }) =>
      (await api.get<{ items: SiteDetail[] }>('/api/v1/sites', undefined, signal)).items,
  });

export const useTravelTimes = () =>
  useQuery({
    queryKey: eventKeys.travel,
    queryFn: async ({ signal }) =>
      (await api.get<{ items: TravelTime[] }>('/api/v1/sites/travel-times', undefined, signal)).items,
  });

/** A mutation that refreshes everything events-related when it succeeds. */
function useEventMutation<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

export const useCreateEvent = () =>
  useEventMutation((body: Omit<LodestoneEvent, 'id'>) => api.post<LodestoneEvent>('/api/v1/events', body));

export const useAddAttendee = (eventId: string) =>
  useEventMutation(
    (body: { name: string; organisationId?: string | null; title?: string | null; phone?: string | null }) =>
      api.post<Attendee>(`/api/v1/events/${eventId}/attendees`, body),
  );

export const useUpdateAttendee = (eventId: string) =>
  useEventMutation(({ id, ...patch }: { id: string; rsvp?: RsvpState; invitation?: InvitationState }) =>
    api.patch<Attendee>(`/api/v1/events/${eventId}/attendees/${id}`, patch),
  );

export const useCheckIn = (eventId: string) =>
  useEventMutation(({ id, undo }: { id: string; undo?: boolean }) =>
    apiRequest<unknown>(`/api/v1/events/${eventId}/attendees/${id}/check-in`, {
      method: undo ? 'DELETE' : 'POST',
    }),
  );

export const useInviteOrganisation = (eventId: string) =>
  useEventMutation((body: { name?: string; partnerId?: string; companyId?: string }) =>
    api.post<Organisation>(`/api/v1/events/${eventId}/organisations`, body),
  );

export const useImportAttendees = (eventId: string) =>
  useEventMutation((file: File) => {
    const form = new FormData();
    form.append('file', file);
    return apiUpload<{ imported: number; organisationsAdded: number }>(
      `/api/v1/events/${eventId}/attendees/import`,
      form,
    );
  });

export const useSaveItinerary = (eventId: string) =>
  useEventMutation((plan: Itinerary) =>
    apiRequest<{ itinerary: Itinerary }>(`/api/v1/events/${eventId}/itinerary`, {
      method: 'PUT',
      body: plan,
    }),
  );

export const checkItinerary = (eventId: string, plan: Itinerary, signal?: AbortSignal) =>
  apiRequest<CheckResult>(`/api/v1/events/${eventId}/itinerary/check`, {
    method: 'POST',
    body: plan,
    ...(signal ? { signal } : {}),
  });

export const useCreateLead = (eventId: string) =>
  useEventMutation((body: { title: string; prospectName?: string | null; amount?: string | null }) =>
    api.post<Lead>(`/api/v1/events/${eventId}/leads`, body),
  );

export const useSaveSite = () =>
  useEventMutation(({ id, ...body }: Partial<SiteDetail> & { id?: string }) =>
    id ? api.patch<SiteDetail>(`/api/v1/sites/${id}`, body) : api.post<SiteDetail>('/api/v1/sites', body),
  );

export const useSetTravelTime = () =>
  useEventMutation((body: { from: string; to: string; minutes: number }) =>
    apiRequest<TravelTime>('/api/v1/sites/travel-times', { method: 'PUT', body }),
  );

/** Partners and registry companies to invite, by name; companies are searched on the server as the officer types. */
export const usePartnerOptions = () =>
  useQuery({
    queryKey: ['events', 'partner-options'],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: { id: string; nameZh: string }[] }>('/api/v1/partners', { limit: 200 }, signal))
        .items,
    staleTime: 60_000,
  });

export const useCompanyOptions = (q: string) =>
  useQuery({
    enabled: q.trim().length > 0,
    queryKey: ['events', 'company-options', q],
    queryFn: async ({ signal }) =>
      (
        await api.get<{ items: { id: string; nameZh: string }[] }>(
          '/api/v1/companies',
          { q, limit: 10 },
          signal,
        )
      ).items,
    staleTime: 60_000,
  });
