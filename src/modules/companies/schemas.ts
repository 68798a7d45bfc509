import { Type } from 'typebox';
import { enterpriseTypes, hqTypes, statuses } from '../../domain/company-row.ts';
import { Uuid } from '../../server/schemas.ts';
import { sortKeys } from './search.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Money = Type.String({ pattern: '^-?\\d+$', description: 'whole yuan, as a decimal string' });
const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const CompanySchema = Type.Object(
  {
    id: Uuid,
    creditCode: Type.String({ description: '统一社会信用代码 (GB 32100-2015)' }),
    nameZh: Type.String(),
    nameEn: Nullable(Type.String()),
    formerNames: Type.Array(Type.String()),
    legalRepresentative: Nullable(Type.String()),
    industryCode: Nullable(Type.String({ description: 'GB/T 4754-2017 code' })),
    industryDivision: Nullable(Type.String()),
    industrySection: Nullable(Type.String()),
    registeredCapitalYuan: Nullable(Money),
    capitalCurrency: Type.String(),
    establishedOn: Nullable(Type.String({ format: 'date' })),
    townCode: Nullable(Type.String()),
    park: Nullable(Type.String()),
    address: Nullable(Type.String()),
    status: literals(statuses),
    enterpriseType: literals(enterpriseTypes),
    sourceCountry: Nullable(Type.String()),
    hqType: literals(hqTypes),
    employees: Type.Union([Type.Integer(), Type.Null()]),
    annualOutputYuan: Nullable(Money),
    annualTaxYuan: Nullable(Money),
    tags: Type.Array(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    likelyDuplicate: Type.Optional(
      Type.Boolean({ description: 'in lists: another company has the same normalised name' }),
    ),
    similarName: Type.Optional(
      Type.Boolean({
        description:
          'in lists: a very similar name sorts next to this one (a word added or changed); the profile lists them all',
      }),
    ),
  },
  { $id: 'Company' },
);

const MoneyIn = Type.Union([Type.String({ maxLength: 30 }), Type.Integer(), Type.Null()]);
const TextIn = (max = 500) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

const inputFields = {
  creditCode: Type.String({ minLength: 1, maxLength: 30 }),
  nameZh: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(TextIn(300)),
  formerNames: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  legalRepresentative: Type.Optional(TextIn(100)),
  industryCode: Type.Optional(TextIn(5)),
  registeredCapitalYuan: Type.Optional(MoneyIn),
  capitalCurrency: Type.Optional(TextIn(10)),
  establishedOn: Type.Optional(TextIn(20)),
  townCode: Type.Optional(TextIn(20)),
  park: Type.Optional(TextIn(100)),
  address: Type.Optional(TextIn(300)),
  status: Type.Optional(literals(statuses)),
  enterpriseType: Type.Optional(literals(enterpriseTypes)),
  sourceCountry: Type.Optional(TextIn(40)),
  hqType: Type.Optional(literals(hqTypes)),
  // One type list, not a union: with type coercion on, a union's integer branch turns null into 0.
  employees: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0 })),
  annualOutputYuan: Type.Optional(MoneyIn),
  annualTaxYuan: Type.Optional(MoneyIn),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 })),
};

export const CompanyCreate = Type.Object(inputFields, { additionalProperties: false });
export const CompanyPatch = Type.Partial(Type.Object(inputFields), {
  additionalProperties: false,
  minProperties: 1,
});

const csv = (description: string) => Type.Optional(Type.String({ maxLength: 500, description }));

export const CompanyFilterQuery = {
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'name (Chinese or English), or credit-code prefix',
    }),
  ),
  industry: Type.Optional(
    Type.String({ maxLength: 4, description: 'GB/T 4754 section letter, division, group or class' }),
  ),
  town: csv('town codes, comma-separated'),
  zone: Type.Optional(Uuid),
  park: Type.Optional(Type.String({ maxLength: 100 })),
  establishedFrom: Type.Optional(Type.String({ format: 'date' })),
  establishedTo: Type.Optional(Type.String({ format: 'date' })),
  capitalMin: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'yuan' })),
  capitalMax: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'yuan' })),
  enterpriseType: csv(`any of ${enterpriseTypes.join(', ')}`),
  status: csv(`any of ${statuses.join(', ')}`),
  hqType: csv(`any of ${hqTypes.join(', ')}`),
};

/** A list's order. */
export const CompanyOrderQuery = {
  sort: Type.Optional(literals(sortKeys)),
  order: Type.Optional(literals(['asc', 'desc'] as const)),
};

export const CompanyListQuery = Type.Object({
  ...CompanyFilterQuery,
  /** Default: name, ascending, for a search; else updated, descending. */
  ...CompanyOrderQuery,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});

/** A refusal as a stable code and its parameters (see src/domain/messages.ts), for a client to say in its language. */
export const MessageProperties = {
  code: Type.String({ description: 'stable message code, e.g. creditCode.checkChar' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
    description: 'the values the message names, e.g. {"expected": "G", "got": "A"}',
  }),
};

/** The 400 of a company create or change: the problem, with the field at fault and its message. */
export const InvalidCompanyProblem = Type.Object(
  {
    type: Type.String({ description: 'urn:lodestone:problem:invalid-input' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({
      description: 'the reason in English, with the field named in Chinese and English',
    }),
    errors: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Object({
            field: Type.Optional(
              Type.String({ description: 'the body property at fault, e.g. establishedOn' }),
            ),
            ...MessageProperties,
          }),
          // A body that does not fit the schema (problem type validation) says where, in English.
          Type.Object({ path: Type.String(), message: Type.Optional(Type.String()) }),
        ]),
      ),
    ),
  },
  { $id: 'InvalidCompanyProblem', additionalProperties: true },
);
