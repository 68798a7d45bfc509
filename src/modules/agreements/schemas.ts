import { Type } from 'typebox';
import {
  agreementKinds,
  agreementStatuses,
  introducerRoles,
  milestoneKinds,
  partyKinds,
} from '../../domain/agreements.ts';
import { Uuid } from '../../server/schemas.ts';
import { agreementSortKeys } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Day = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const TextIn = (max = 500) => Type.Optional(Nullable(Type.String({ maxLength: max })));

const Party = Type.Object({
  id: Uuid,
  kind: Type.Enum(partyKinds),
  partnerId: Nullable(Uuid),
  companyId: Nullable(Uuid),
  nameZh: Nullable(
    Type.String({ description: 'the partner’s, company’s or organisation’s name; null for the district' }),
  ),
  nameEn: Nullable(Type.String()),
  role: Nullable(Type.String()),
});

export const AgreementSchema = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(agreementKinds),
    titleZh: Type.String(),
    titleEn: Nullable(Type.String()),
    referenceNo: Nullable(Type.String()),
    summary: Nullable(Type.String()),
    status: Type.Enum(agreementStatuses, {
      description: 'as of today: signed or in force past the term end reads expired',
    }),
    storedStatus: Type.Enum(agreementStatuses, { description: 'the status as last moved' }),
    allowedMoves: Type.Array(Type.Enum(agreementStatuses)),
    signedOn: Nullable(Day),
    eventId: Nullable(Uuid),
    termStart: Nullable(Day),
    termEnd: Nullable(Day),
    renewsId: Nullable(Uuid),
    renewedBy: Type.Array(Type.Object({ id: Uuid, titleZh: Type.String() })),
    parties: Type.Array(Party),
    projects: Type.Array(Type.Object({ id: Uuid, title: Type.String(), stage: Type.String() })),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Agreement' },
);

const PartyIn = Type.Object(
  {
    kind: Type.Enum(partyKinds),
    partnerId: Type.Optional(Nullable(Uuid)),
    companyId: Type.Optional(Nullable(Uuid)),
    name: TextIn(200),
    role: TextIn(100),
  },
  { additionalProperties: false },
);

const fields = {
  titleEn: TextIn(300),
  referenceNo: TextIn(100),
  summary: TextIn(4000),
  signedOn: Type.Optional(Nullable(Day)),
  eventId: Type.Optional(Nullable(Uuid)),
  termStart: Type.Optional(Nullable(Day)),
  termEnd: Type.Optional(Nullable(Day)),
  parties: Type.Optional(
    Type.Array(PartyIn, {
      maxItems: 50,
      description: 'replaces the parties; default on create: the district',
    }),
  ),
  projectIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, description: 'replaces the linked projects' })),
};

export const AgreementCreate = Type.Object(
  { kind: Type.Enum(agreementKinds), titleZh: Type.String({ minLength: 1, maxLength: 300 }), ...fields },
  { additionalProperties: false },
);
export const AgreementPatch = Type.Object(
  {
    kind: Type.Optional(Type.Enum(agreementKinds)),
    titleZh: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    ...fields,
  },
  { additionalProperties: false },
);

export const AgreementListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'title or reference number' })),
  kind: Type.Optional(Type.String({ maxLength: 200, description: `any of ${agreementKinds.join(', ')}` })),
  status: Type.Optional(
    Type.String({ maxLength: 200, description: `any of ${agreementStatuses.join(', ')}` }),
  ),
  partner: Type.Optional(Uuid),
  expiringBefore: Type.Optional(Day),
  eventId: Type.Optional(Uuid),
  sort: Type.Optional(Type.Enum(agreementSortKeys)),
  order: Type.Optional(Type.Enum(['asc', 'desc'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export const MilestoneSchema = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  kind: Type.Enum(milestoneKinds),
  title: Type.String(),
  ownerUserId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  dueOn: Nullable(Day),
  doneOn: Nullable(Day),
  overdue: Type.Boolean(),
});

const milestoneFields = {
  kind: Type.Optional(Type.Enum(milestoneKinds)),
  ownerUserId: Type.Optional(Nullable(Uuid)),
  ownerName: TextIn(200),
  dueOn: Type.Optional(Nullable(Day)),
  doneOn: Type.Optional(Nullable(Day)),
};
export const MilestoneCreate = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 300 }), ...milestoneFields },
  { additionalProperties: false },
);
export const MilestonePatch = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })), ...milestoneFields },
  { additionalProperties: false },
);

export const AttachmentSchema = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'hex SHA-256 of the stored bytes' }),
  uploadedByEmail: Type.String(),
  uploadedAt: Instant,
});

const Named = Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Nullable(Type.String()) });

export const RegistrationSchema = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  partnerId: Uuid,
  partner: Nullable(Named),
  projectId: Nullable(Uuid),
  project: Nullable(Type.Object({ id: Uuid, title: Type.String(), stage: Type.String() })),
  prospectName: Nullable(Type.String()),
  role: Type.Enum(introducerRoles),
  registeredOn: Day,
  note: Nullable(Type.String()),
  beforeSigning: Type.Boolean({
    description: 'dated before the project’s signing day, so it may earn credit',
  }),
  recordedAt: Instant,
});

export const RegistrationCreate = Type.Object(
  {
    partnerId: Type.Optional(Nullable(Uuid)),
    projectId: Type.Optional(Nullable(Uuid)),
    prospectName: TextIn(200),
    role: Type.Enum(introducerRoles),
    registeredOn: Day,
    note: TextIn(1000),
  },
  { additionalProperties: false },
);
