import { Type } from 'typebox';
import { eventKinds, invitationStates, rsvpStates } from '../../domain/events.ts';
import { conflictCodes } from '../../domain/itinerary.ts';
import { Uuid } from '../../server/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const TextIn = (max: number) => Nullable(Type.String({ maxLength: max }));
const Instant = Type.String({ format: 'date-time' });

export const EventSchema = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(eventKinds),
    titleZh: Type.String(),
    titleEn: Nullable(Type.String()),
    startsAt: Instant,
    endsAt: Instant,
    venue: Nullable(Type.String()),
    location: Nullable(Type.String({ description: 'city and country of a roadshow' })),
    host: Nullable(Type.String()),
    organisers: Type.Array(Type.String()),
    descriptionZh: Nullable(Type.String()),
    descriptionEn: Nullable(Type.String()),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Event' },
);

export const CountsSchema = Type.Object({
  organisations: Type.Integer({ description: 'invited organisations' }),
  attendees: Type.Integer({ description: 'people on the list' }),
  accepted: Type.Integer({ description: 'people who answered yes' }),
  checkedIn: Type.Integer({ description: 'people checked in on the day' }),
});

const eventFields = {
  kind: Type.Enum(eventKinds),
  titleZh: Type.String({ minLength: 1, maxLength: 200 }),
  titleEn: Type.Optional(TextIn(300)),
  startsAt: Instant,
  endsAt: Instant,
  venue: Type.Optional(TextIn(300)),
  location: Type.Optional(TextIn(200)),
  host: Type.Optional(TextIn(200)),
  organisers: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  descriptionZh: Type.Optional(TextIn(8000)),
  descriptionEn: Type.Optional(TextIn(16000)),
};
export const EventCreate = Type.Object(eventFields, { additionalProperties: false });
export const EventPatch = Type.Partial(Type.Object(eventFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const EventListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'title, Chinese or English' })),
  kind: Type.Optional(Type.String({ maxLength: 200, description: `any of ${eventKinds.join(', ')}` })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'starting at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'starting at or before' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});

export const OrganisationSchema = Type.Object({
  id: Uuid,
  partnerId: Nullable(Uuid),
  companyId: Nullable(Uuid),
  name: Type.String(),
});
export const OrganisationCreate = Type.Object(
  {
    partnerId: Type.Optional(Nullable(Uuid)),
    companyId: Type.Optional(Nullable(Uuid)),
    name: Type.Optional(TextIn(200)),
  },
  {
    additionalProperties: false,
    description: 'a partner, a registry company, or an organisation by name: one of them',
  },
);

export const AttendeeSchema = Type.Object({
  id: Uuid,
  eventId: Uuid,
  organisationId: Nullable(Uuid),
  organisation: Nullable(Type.String()),
  name: Type.String(),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  invitation: Type.Enum(invitationStates),
  rsvp: Type.Enum(rsvpStates),
  checkedInAt: Nullable(Instant),
  checkedInBy: Nullable(Type.String()),
});
const attendeeFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  organisationId: Type.Optional(Nullable(Uuid)),
  title: Type.Optional(TextIn(100)),
  phone: Type.Optional(TextIn(50)),
  email: Type.Optional(TextIn(200)),
  invitation: Type.Optional(Type.Enum(invitationStates)),
  rsvp: Type.Optional(Type.Enum(rsvpStates)),
};
export const AttendeeCreate = Type.Object(attendeeFields, { additionalProperties: false });
export const AttendeePatch = Type.Partial(Type.Object(attendeeFields), {
  additionalProperties: false,
  minProperties: 1,
});

const StopRef = Type.Object({ group: Type.Integer(), stop: Type.Integer() });
export const ConflictSchema = Type.Object({
  code: Type.Enum(conflictCodes),
  stops: Type.Array(StopRef, { description: 'group and stop indexes in the plan as sent' }),
  siteId: Type.Optional(Type.String()),
  message: Type.String(),
  facts: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()]), {
      description: 'capacity, headCount, needed and available minutes, weekday, open, close',
    }),
  ),
});
export const WarningSchema = Type.Object({
  code: Type.Literal('travel-time-unknown'),
  stops: Type.Array(StopRef),
  message: Type.String(),
});
export const CheckSchema = Type.Object({
  ok: Type.Boolean(),
  conflicts: Type.Array(ConflictSchema),
  warnings: Type.Array(WarningSchema),
});

export const ItineraryInput = Type.Object(
  {
    groups: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Uuid),
          name: Type.String({ minLength: 1, maxLength: 100 }),
          headCount: Type.Integer({ maximum: 100000, description: 'at least 1' }),
          stops: Type.Array(
            Type.Object(
              {
                id: Type.Optional(Uuid),
                siteId: Uuid,
                startsAt: Instant,
                endsAt: Instant,
                note: Type.Optional(TextIn(500)),
              },
              { additionalProperties: false },
            ),
            { maxItems: 50 },
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  {
    additionalProperties: false,
    description:
      'the whole plan; ids read from GET may be sent back and are ignored (the plan is replaced whole)',
  },
);

export const ItinerarySchema = Type.Object({
  groups: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      headCount: Type.Integer(),
      stops: Type.Array(
        Type.Object({
          id: Uuid,
          siteId: Uuid,
          startsAt: Instant,
          endsAt: Instant,
          note: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});

const Yuan = Type.String({ pattern: '^\\d+$', description: 'whole yuan' });
export const OutcomesSchema = Type.Object({
  invitedOrganisations: Type.Integer(),
  attendees: Type.Integer(),
  accepted: Type.Integer(),
  checkedIn: Type.Integer(),
  attendingParties: Type.Integer({
    description: 'organisations with someone checked in, plus checked-in people from no organisation',
  }),
  leads: Type.Integer({ description: 'projects created from the event' }),
  projectsSigned: Type.Integer({ description: 'of those, projects that reached signing' }),
  amountSignedYuan: Yuan,
  conversion: Nullable(Type.Number({ description: 'projectsSigned / attendingParties' })),
  byMonth: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      leads: Type.Integer(),
      signed: Type.Integer(),
      amountSignedYuan: Yuan,
    }),
  ),
});

export const LeadSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  stage: Type.String(),
  reachedStage: Type.String(),
  source: Type.String(),
  amountYuan: Nullable(Yuan),
  signedAt: Nullable(Instant),
  createdAt: Instant,
});
