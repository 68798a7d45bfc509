import { Type } from 'typebox';
import { partnerKinds } from '../../domain/pipeline-enums.ts';
import { Uuid } from '../../server/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const TextIn = (max = 500) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const ScorecardSchema = Type.Object({
  partnerId: Uuid,
  referred: Type.Integer(),
  signed: Type.Integer({ description: 'referred projects that reached signing' }),
  amountSignedYuan: Type.String({ pattern: '^\\d+$' }),
  conversion: Nullable(Type.Number({ description: 'signed / referred' })),
  medianDaysLeadToSigned: Nullable(Type.Number()),
});

export const ContactSchema = Type.Object({
  id: Uuid,
  partnerId: Uuid,
  name: Type.String(),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  isPrimary: Type.Boolean(),
});

export const PartnerSchema = Type.Object(
  {
    id: Uuid,
    nameZh: Type.String(),
    nameEn: Nullable(Type.String()),
    kind: Type.Enum(partnerKinds),
    companyId: Nullable(Uuid),
    region: Nullable(Type.String()),
    agreementRef: Nullable(
      Type.String({ description: 'the commissioned-promotion agreement (委托招商协议)' }),
    ),
    agreementSignedOn: Nullable(Type.String({ format: 'date' })),
    website: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Partner' },
);

const inputFields = {
  nameZh: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(TextIn(300)),
  kind: Type.Enum(partnerKinds),
  companyId: Type.Optional(Nullable(Uuid)),
  region: Type.Optional(TextIn(100)),
  agreementRef: Type.Optional(TextIn(200)),
  agreementSignedOn: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  website: Type.Optional(TextIn(300)),
  notes: Type.Optional(TextIn(4000)),
};

export const PartnerCreate = Type.Object(inputFields, { additionalProperties: false });
export const PartnerPatch = Type.Partial(Type.Object(inputFields), {
  additionalProperties: false,
  minProperties: 1,
});

const contactFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  title: Type.Optional(TextIn(100)),
  phone: Type.Optional(TextIn(50)),
  email: Type.Optional(TextIn(200)),
  isPrimary: Type.Optional(Type.Boolean()),
};
export const ContactCreate = Type.Object(contactFields, { additionalProperties: false });
export const ContactPatch = Type.Partial(Type.Object(contactFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const PartnerListQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'name, Chinese or English' })),
  kind: Type.Optional(Type.String({ maxLength: 200, description: `any of ${partnerKinds.join(', ')}` })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});
