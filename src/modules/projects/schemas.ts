import { Type } from 'typebox';
import { activityKinds, priorities, projectKinds, projectSources } from '../../domain/pipeline-enums.ts';
import { holdReasons, lossReasons, pipelineStages, stages } from '../../domain/project-stages.ts';
import { Uuid } from '../../server/schemas.ts';
import { funnelBreakdowns, funnelMeasures, funnelPeriods } from './funnel.ts';
import { projectSortKeys } from './list.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Money = Type.String({ pattern: '^\\d+$', description: 'whole units, as a decimal string' });
const Instant = Type.String({ format: 'date-time' });
const Named = Type.Object({ id: Uuid, nameZh: Type.String() }, { additionalProperties: true });

export const StageSchema = Type.Enum(stages);

export const ProjectSchema = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    code: Nullable(
      Type.String({ description: 'the bureau’s project code (项目编号), unique in the tenant' }),
    ),
    description: Nullable(Type.String()),
    stage: StageSchema,
    heldFrom: Nullable(Type.Enum(pipelineStages)),
    stageReason: Nullable(Type.String({ description: 'reason code of the move into on_hold or lost' })),
    stageEnteredAt: Instant,
    allowedMoves: Type.Array(StageSchema, { description: 'the stages a move from here may go to' }),
    signedAt: Nullable(Instant),
    investorCompanyId: Nullable(Uuid),
    investorCompany: Nullable(Type.Object({ id: Uuid, nameZh: Type.String(), creditCode: Type.String() })),
    prospectName: Nullable(Type.String()),
    prospectCountry: Nullable(Type.String({ description: 'ISO 3166 alpha-2' })),
    industryCode: Nullable(Type.String({ description: 'GB/T 4754-2017' })),
    clusterId: Nullable(Uuid),
    townCode: Nullable(Type.String()),
    zoneId: Nullable(Uuid),
    siteId: Nullable(Uuid),
    amount: Nullable(Money),
    currency: Type.String({ description: 'ISO 4217 code of the amount as entered' }),
    amountYuan: Nullable(Money),
    major: Type.Boolean({ description: 'amountYuan reaches the tenant’s major-project threshold' }),
    kind: Nullable(Type.Enum(projectKinds)),
    foreignFunded: Type.Boolean(),
    expectedOutputYuan: Nullable(Money),
    expectedTaxYuan: Nullable(Money),
    expectedJobs: Nullable(Type.Integer()),
    officerId: Nullable(Uuid),
    priority: Type.Enum(priorities),
    source: Type.Enum(projectSources),
    partnerId: Nullable(Uuid),
    partner: Nullable(Named),
    credit: Type.Object(
      {
        partnerId: Nullable(Uuid),
        partner: Nullable(Named),
        basis: Type.Union([Type.Literal('introducer'), Type.Literal('referral'), Type.Literal('none')], {
          description:
            'introducer: the first partner registered before signing; referral: no such registration, the referring partner',
        }),
        registrationId: Nullable(Uuid),
      },
      { description: 'the partner credited with the project (scorecards and the funnel count this one)' },
    ),
    eventId: Nullable(Type.String({ format: 'uuid', description: 'the event the lead came out of' })),
    registeredCompanyId: Nullable(Uuid),
    registeredCompany: Nullable(Type.Object({ id: Uuid, nameZh: Type.String(), creditCode: Type.String() })),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Project' },
);

const TextIn = (max = 500) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const MoneyIn = Type.Union([Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0 }), Type.Null()]);

const inputFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  code: Type.Optional(TextIn(40)),
  description: Type.Optional(TextIn(4000)),
  investorCompanyId: Type.Optional(Nullable(Uuid)),
  prospectName: Type.Optional(TextIn(200)),
  prospectCountry: Type.Optional(TextIn(2)),
  industryCode: Type.Optional(TextIn(4)),
  clusterId: Type.Optional(Nullable(Uuid)),
  townCode: Type.Optional(TextIn(20)),
  zoneId: Type.Optional(Nullable(Uuid)),
  siteId: Type.Optional(Nullable(Uuid)),
  amount: Type.Optional(MoneyIn),
  currency: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{3}$' }))),
  kind: Type.Optional(Nullable(Type.Enum(projectKinds))),
  foreignFunded: Type.Optional(Type.Boolean()),
  expectedOutputYuan: Type.Optional(MoneyIn),
  expectedTaxYuan: Type.Optional(MoneyIn),
  expectedJobs: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  officerId: Type.Optional(Nullable(Uuid)),
  priority: Type.Optional(Type.Enum(priorities)),
  source: Type.Optional(Type.Enum(projectSources)),
  partnerId: Type.Optional(Nullable(Uuid)),
  eventId: Type.Optional(Nullable(Uuid)),
};

export const ProjectCreate = Type.Object(inputFields, {
  additionalProperties: false,
  description:
    'only the title is required; a partner user may not set officerId, priority, source, partnerId or eventId',
});
export const ProjectPatch = Type.Partial(Type.Object(inputFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const StageMoveBody = Type.Object(
  {
    to: StageSchema,
    note: Type.Optional(TextIn(2000)),
    reason: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 40,
          description: `on_hold: ${holdReasons.join(', ')}; lost: ${lossReasons.join(', ')}`,
        }),
      ),
    ),
    creditCode: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 30,
          description: 'to registered: the registry company’s credit code (default: the investor’s own)',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const HistorySchema = Type.Object({
  stage: StageSchema,
  stageEnteredAt: Instant,
  moves: Type.Array(
    Type.Object({
      id: Uuid,
      from: Nullable(StageSchema),
      to: StageSchema,
      reason: Nullable(Type.String()),
      note: Nullable(Type.String()),
      at: Instant,
      secondsInFrom: Nullable(Type.Integer({ description: 'time spent in the stage left' })),
      byUserId: Nullable(Uuid),
      byEmail: Type.String(),
    }),
  ),
  timeInStage: Type.Array(Type.Object({ stage: StageSchema, seconds: Type.Integer() })),
});

const csv = (description: string) => Type.Optional(Type.String({ maxLength: 500, description }));
const Day = Type.Optional(Type.String({ format: 'date' }));

export const ProjectFilterQuery = {
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'title, prospect name or project code' }),
  ),
  stage: csv(`any of ${stages.join(', ')}`),
  source: csv(`any of ${projectSources.join(', ')}`),
  kind: csv(`any of ${projectKinds.join(', ')}`),
  priority: csv(`any of ${priorities.join(', ')}`),
  partner: Type.Optional(Uuid),
  company: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'a registry company: the projects it invests in or registered as',
    }),
  ),
  credited: Type.Optional(
    Type.Union([Uuid, Type.Literal('none')], {
      description:
        'the partner credited with the project (first registered introducer, else referrer), or none',
    }),
  ),
  cluster: Type.Optional(Uuid),
  officer: Type.Optional(
    Type.Union([Uuid, Type.Literal('me')], { description: 'a user id, or me for the caller' }),
  ),
  town: csv('town codes, comma-separated'),
  zone: Type.Optional(Uuid),
  site: Type.Optional(Uuid),
  industry: Type.Optional(Type.String({ pattern: '^\\d{2,4}$', description: 'GB/T 4754 code prefix' })),
  foreignFunded: Type.Optional(Type.Boolean()),
  major: Type.Optional(Type.Boolean()),
  createdFrom: Day,
  createdTo: Day,
  signedFrom: Day,
  signedTo: Day,
  reached: Type.Optional(
    Type.Enum(pipelineStages, { description: 'projects that reached this pipeline stage or a later one' }),
  ),
  amountMin: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'yuan' })),
  amountMax: Type.Optional(Type.String({ pattern: '^\\d{1,18}$', description: 'yuan' })),
};

export const ProjectListQuery = Type.Object({
  ...ProjectFilterQuery,
  sort: Type.Optional(Type.Enum(projectSortKeys)),
  order: Type.Optional(Type.Enum(['asc', 'desc'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
});

export const FunnelQuery = Type.Object({
  ...ProjectFilterQuery,
  by: Type.Optional(Type.Enum(funnelBreakdowns)),
  period: Type.Optional(Type.Enum(funnelPeriods)),
  measures: Type.Optional(
    Type.Enum(funnelMeasures, {
      description:
        'current: only the projects and amounts in each stage now (reached, conversion and median days are left at zero/null), for a board; it does not read the stage history',
    }),
  ),
});

const FunnelStageSchema = Type.Object({
  stage: StageSchema,
  count: Type.Integer({ description: 'projects in this stage now' }),
  amountYuan: Money,
  reached: Type.Integer({ description: 'projects that ever entered this stage' }),
  reachedAmountYuan: Money,
  conversionToNext: Nullable(Type.Number({ description: 'reached(next) / reached(this), pipeline stages' })),
  medianDays: Nullable(Type.Number({ description: 'median of the stays in this stage that have ended' })),
  completedStays: Type.Integer(),
});

export const FunnelSchema = Type.Object({
  by: Type.Enum(funnelBreakdowns),
  period: Nullable(Type.Enum(funnelPeriods)),
  groups: Type.Array(
    Type.Object({
      key: Type.String({ description: 'source code, partner/cluster/officer id, period, or none/all' }),
      label: Nullable(Type.String()),
      count: Type.Integer(),
      amountYuan: Money,
      stages: Type.Array(FunnelStageSchema),
    }),
  ),
});

export const TaskSchema = Type.Object({
  id: Uuid,
  projectId: Uuid,
  title: Type.String(),
  dueOn: Nullable(Type.String({ format: 'date' })),
  assigneeId: Nullable(Uuid),
  done: Type.Boolean(),
  doneAt: Nullable(Instant),
  overdue: Type.Boolean(),
  createdAt: Instant,
});

export const TaskCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    dueOn: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    assigneeId: Type.Optional(Nullable(Uuid)),
    done: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const TaskPatch = Type.Partial(TaskCreate, { additionalProperties: false, minProperties: 1 });

export const ActivitySchema = Type.Object({
  id: Uuid,
  projectId: Uuid,
  kind: Type.Enum(activityKinds),
  occurredAt: Instant,
  summary: Type.String(),
  byUserId: Nullable(Uuid),
  byEmail: Type.String(),
});

export const ActivityCreate = Type.Object(
  {
    kind: Type.Enum(activityKinds),
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
    occurredAt: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
