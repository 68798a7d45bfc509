import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';
import { events } from '../events/schema.ts';
import { partners } from '../partners/schema.ts';
import { sites } from '../territory/schema.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * An investment project, from a first lead to an operating company. Only the title is required: officers record
 * a lead before they know much. Money is whole units (bigint): the amount as the investor named it, in its
 * currency, and the same amount in yuan at the tenant's rate when it was entered.
 */
export const projects = pgTable(
  'projects',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    title: text('title').notNull(),
    /** The bureau's own project code (项目编号), unique in the tenant: the key an import re-run updates by. */
    code: text('code'),
    description: text('description'),
    stage: text('stage').notNull().default('lead'),
    /** While on hold: the pipeline stage the project was paused at, where it resumes. */
    heldFrom: text('held_from'),
    /** The reason code of the move into on_hold or lost. */
    stageReason: text('stage_reason'),
    stageEnteredAt: instant('stage_entered_at').notNull().defaultNow(),
    /** When the project first reached signing: introducer credit is settled from then on. */
    signedAt: instant('signed_at'),
    /**
     * The furthest pipeline stage the project has reached, kept by a database trigger on every write: a lost or
     * paused project still counts in the funnel at the stages it passed, without reading its history.
     */
    reachedStage: text('reached_stage').notNull().default('lead'),
    /** The investor: a registry company, or a prospect known by name and country (ISO 3166 alpha-2). */
    investorCompanyId: uuid('investor_company_id'),
    prospectName: text('prospect_name'),
    prospectCountry: text('prospect_country'),
    industryCode: text('industry_code'),
    clusterId: uuid('cluster_id'),
    townCode: text('town_code'),
    zoneId: uuid('zone_id'),
    siteId: uuid('site_id'),
    amount: bigint('amount', { mode: 'bigint' }),
    currency: text('currency').notNull().default('CNY'),
    amountYuan: bigint('amount_yuan', { mode: 'bigint' }),
    kind: text('kind'),
    foreignFunded: boolean('foreign_funded').notNull().default(false),
    expectedOutputYuan: bigint('expected_output_yuan', { mode: 'bigint' }),
    expectedTaxYuan: bigint('expected_tax_yuan', { mode: 'bigint' }),
    expectedJobs: integer('expected_jobs'),
    officerId: uuid('officer_id'),
    priority: text('priority').notNull().default('medium'),
    source: text('source').notNull().default('direct'),
    partnerId: uuid('partner_id'),
    /**
     * The partner credited with the project (domain/introducer-credit.ts): the first introducer registered before
     * the signing day, else the referring partner. Kept by database triggers on every write to the project or to
     * its introducer registrations, so the partner leaderboard's roll-up can key by it; never written by the app.
     */
    creditedPartnerId: uuid('credited_partner_id'),
    /** The event the lead came out of (source `event`): its outcome figures count from this. */
    eventId: uuid('event_id'),
    /** The registry company the project became, linked by credit code when it reached registered. */
    registeredCompanyId: uuid('registered_company_id'),
    createdBy: uuid('created_by'),
    // Millisecond precision like updated_at: both are keyset sort keys carried through a JavaScript Date.
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
    /**
     * Search keys: every pair of characters of the lowercased title and prospect name, computed by the database
     * (drizzle migration: lodestone_project_search_grams) so a search's own pairs are made by the same function.
     * A row whose title or prospect contains the query holds all the query's pairs, so the GIN index finds every
     * match and the ILIKE recheck drops the rest.
     */
    searchGrams: text('search_grams')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`lodestone_project_search_grams(title, prospect_name)`),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // A partner with projects cannot be deleted: its referral credit would be lost.
    foreignKey({
      name: 'projects_partner',
      columns: [t.tenantId, t.partnerId],
      foreignColumns: [partners.tenantId, partners.id],
    }),
    // An event with leads cannot be deleted: what it produced must stay traceable.
    foreignKey({
      name: 'projects_event',
      columns: [t.tenantId, t.eventId],
      foreignColumns: [events.tenantId, events.id],
    }),
    index('projects_event').on(t.tenantId, t.eventId),
    // Sites can be removed (/api/v1/sites): not one a project is intended for.
    foreignKey({
      name: 'projects_site',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [sites.tenantId, sites.id],
    }),
    uniqueIndex('projects_code').on(t.tenantId, t.code),
    // A board column is one stage in the table's default order: its page is the first entries of this index.
    index('projects_stage').on(t.tenantId, t.stage, t.updatedAt, t.id),
    // The cockpit counts the first and last days of a period that starts or ends inside a month from the rows.
    index('projects_signed').on(t.tenantId, t.signedAt),
    index('projects_partner').on(t.tenantId, t.partnerId),
    // A company's profile lists its projects.
    index('projects_investor_company').on(t.tenantId, t.investorCompanyId),
    index('projects_registered_company').on(t.tenantId, t.registeredCompanyId),
    index('projects_officer').on(t.tenantId, t.officerId),
    index('projects_town').on(t.tenantId, t.townCode),
    index('projects_cluster').on(t.tenantId, t.clusterId),
    // Keyset paging sorts by these expressions (never NULL); the indexes match them.
    index('projects_sort_updated').on(t.tenantId, t.updatedAt, t.id),
    index('projects_sort_created').on(t.tenantId, t.createdAt, t.id),
    index('projects_sort_title').on(t.tenantId, t.title, t.id),
    index('projects_sort_amount').on(t.tenantId, sql`coalesce(${t.amountYuan}, -1)`, t.id),
    index('projects_sort_stage_entered').on(t.tenantId, t.stageEnteredAt, t.id),
    index('projects_search_grams').using('gin', t.searchGrams),
  ],
);

const { searchGrams: _searchKeys, ...readable } = getTableColumns(projects);
/**
 * The columns a project is read with: every one but the search keys, which only the search index needs. They are
 * the widest value in the row, and carrying them to the server cost a list page a third of its database time.
 */
export const projectColumns = readable;

/** Every stage move: who, when, a note, and how long the project had been in the stage it left. */
export const projectStageMoves = pgTable(
  'project_stage_moves',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    /** Null for the first entry, when the project was created as a lead. */
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    reason: text('reason'),
    note: text('note'),
    at: instant('at').notNull().defaultNow(),
    /** Seconds spent in from_stage, so the funnel's median time per stage is one aggregate. */
    secondsInFrom: bigint('seconds_in_from', { mode: 'number' }),
    byUserId: uuid('by_user_id'),
    byEmail: text('by_email').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'project_stage_moves_project',
      columns: [t.tenantId, t.projectId],
      foreignColumns: [projects.tenantId, projects.id],
    }).onDelete('cascade'),
    index('project_stage_moves_project').on(t.tenantId, t.projectId, t.at),
    index('project_stage_moves_to').on(t.tenantId, t.toStage, t.projectId),
  ],
);

/**
 * What the funnel reads of each project's history, kept by statement triggers on project_stage_moves in the
 * writer's transaction (drizzle migration: lodestone_project_stage_paths_add) and, like the roll-ups, rebuilt by
 * them on restore: the stages the history ever entered, as a bit set over domain/project-stages `stages` (bit i for
 * stages[i]), and the stays it finished, as stage index and seconds side by side (NULL seconds where the move
 * recorded none). One narrow row per project, so the funnel's "reached" and median days join the filtered projects
 * one to one instead of reading every stage move; the medians stay exact, as every finished stay is here.
 */
export const rollupProjectStagePaths = pgTable(
  'rollup_project_stage_paths',
  {
    tenantId: tenantIdColumn(),
    projectId: uuid('project_id').notNull(),
    reached: integer('reached').notNull(),
    stayStages: smallint('stay_stages').array().notNull(),
    staySeconds: bigint('stay_seconds', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ name: 'rollup_project_stage_paths_pk', columns: [t.tenantId, t.projectId] })],
);

export const projectTasks = pgTable(
  'project_tasks',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    assigneeId: uuid('assignee_id'),
    doneAt: instant('done_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'project_tasks_project',
      columns: [t.tenantId, t.projectId],
      foreignColumns: [projects.tenantId, projects.id],
    }).onDelete('cascade'),
    index('project_tasks_project').on(t.tenantId, t.projectId),
    // The officer's open tasks by due date.
    index('project_tasks_open').on(t.tenantId, t.assigneeId, t.dueOn).where(sql`done_at is null`),
  ],
);

export const projectActivities = pgTable(
  'project_activities',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    projectId: uuid('project_id').notNull(),
    kind: text('kind').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    summary: text('summary').notNull(),
    byUserId: uuid('by_user_id'),
    byEmail: text('by_email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'project_activities_project',
      columns: [t.tenantId, t.projectId],
      foreignColumns: [projects.tenantId, projects.id],
    }).onDelete('cascade'),
    index('project_activities_project').on(t.tenantId, t.projectId, t.occurredAt),
  ],
);

/**
 * Per-tenant pipeline settings: the yuan amount from which a project counts as major (重大项目). A tenant
 * without a row uses the default in domain/currency.
 */
export const pipelineSettings = pgTable('pipeline_settings', {
  tenantId: tenantIdColumn().primaryKey(),
  majorThresholdYuan: bigint('major_threshold_yuan', { mode: 'bigint' }).notNull(),
  updatedAt: updatedAt(),
});

/** The tenant's conversion rates to yuan, in millionths of a yuan per unit (see domain/currency). */
export const currencyRates = pgTable(
  'currency_rates',
  {
    tenantId: tenantIdColumn(),
    currency: text('currency').notNull(),
    yuanPerUnitMicros: bigint('yuan_per_unit_micros', { mode: 'bigint' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.currency] })],
);

/**
 * Where the pipeline stands now: projects and amount per area, current stage and furthest stage reached (the
 * cockpit's pipeline and funnel). Kept by the same statement triggers as the signing roll-ups; without the month,
 * partner, cluster and flags it stays at a few hundred rows however many projects there are.
 */
export const rollupProjectStages = pgTable(
  'rollup_project_stages',
  {
    tenantId: tenantIdColumn(),
    townCode: text('town_code').notNull(),
    zoneId: text('zone_id').notNull(),
    stage: text('stage').notNull(),
    reachedStage: text('reached_stage').notNull(),
    projects: integer('projects').notNull(),
    amountYuan: numeric('amount_yuan').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_project_stages_pk',
      columns: [t.tenantId, t.townCode, t.zoneId, t.stage, t.reachedStage],
    }),
  ],
);

/**
 * The cockpit's signings, kept exact by statement triggers in the same transaction as every project write
 * (drizzle migration: lodestone_rollup_projects): projects signed and not lost since, per month of their first
 * signing on the bureau's clock, area and flags. Partners and clusters have roll-ups of their own, so none of the
 * three grows with the number of projects, only with months × towns × the few values of its dimensions. Major is
 * judged against the tenant's threshold; a new threshold rebuilds the tenant's cells. Empty strings stand for
 * "none" so the keys have no NULLs.
 */
export const rollupProjectSignings = pgTable(
  'rollup_project_signings',
  {
    tenantId: tenantIdColumn(),
    signedMonth: date('signed_month', { mode: 'string' }).notNull(),
    townCode: text('town_code').notNull(),
    zoneId: text('zone_id').notNull(),
    foreignFunded: boolean('foreign_funded').notNull(),
    headquarters: boolean('headquarters').notNull(),
    major: boolean('major').notNull(),
    projects: integer('projects').notNull(),
    amountYuan: numeric('amount_yuan').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_project_signings_pk',
      columns: [t.tenantId, t.signedMonth, t.townCode, t.zoneId, t.foreignFunded, t.headquarters, t.major],
    }),
  ],
);

/** Signings of projects that name a cluster, per cluster: the top clusters and the clusters' targets. */
export const rollupProjectClusterSignings = pgTable(
  'rollup_project_cluster_signings',
  {
    tenantId: tenantIdColumn(),
    signedMonth: date('signed_month', { mode: 'string' }).notNull(),
    townCode: text('town_code').notNull(),
    zoneId: text('zone_id').notNull(),
    clusterId: text('cluster_id').notNull(),
    foreignFunded: boolean('foreign_funded').notNull(),
    major: boolean('major').notNull(),
    projects: integer('projects').notNull(),
    amountYuan: numeric('amount_yuan').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_project_cluster_signings_pk',
      columns: [t.tenantId, t.signedMonth, t.townCode, t.zoneId, t.clusterId, t.foreignFunded, t.major],
    }),
  ],
);

/** Signings per credited partner (projects.credited_partner_id): the partner leaderboard. */
export const rollupProjectPartnerSignings = pgTable(
  'rollup_project_partner_signings',
  {
    tenantId: tenantIdColumn(),
    signedMonth: date('signed_month', { mode: 'string' }).notNull(),
    townCode: text('town_code').notNull(),
    zoneId: text('zone_id').notNull(),
    partnerId: text('partner_id').notNull(),
    major: boolean('major').notNull(),
    projects: integer('projects').notNull(),
    amountYuan: numeric('amount_yuan').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'rollup_project_partner_signings_pk',
      columns: [t.tenantId, t.signedMonth, t.townCode, t.zoneId, t.partnerId, t.major],
    }),
  ],
);
