import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { type ActivityKind, activityKinds } from '../../domain/pipeline-enums.ts';
import { invalid, notFound } from '../../domain/problem.ts';
import type { AuditActor } from '../audit/service.ts';
import { auditedWriter } from '../audit/writer.ts';
import { memberRoles } from '../identity/service.ts';
import { projectActivities, projects, projectTasks } from './schema.ts';

// Follow-ups: the tasks an officer owes a project and the log of contacts with the investor. Both are project
// changes, so both go through the audited writer.

type TaskRow = typeof projectTasks.$inferSelect;
type ActivityRow = typeof projectActivities.$inferSelect;

export function presentTask(row: TaskRow, today: string) {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    dueOn: row.dueOn,
    assigneeId: row.assigneeId,
    done: row.doneAt !== null,
    doneAt: row.doneAt?.toISOString() ?? null,
    overdue: row.doneAt === null && row.dueOn !== null && row.dueOn < today,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentActivity(row: ActivityRow) {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as ActivityKind,
    occurredAt: row.occurredAt.toISOString(),
    summary: row.summary,
    byUserId: row.byUserId,
    byEmail: row.byEmail,
  };
}

export interface TaskInput {
  title: string;
  dueOn?: string | null | undefined;
  assigneeId?: string | null | undefined;
  done?: boolean | undefined;
}

/** Tasks go to people who work the pipeline: an officer or an admin of the district. */
async function checkAssignee(tx: TenantTx, assigneeId: string | null) {
  if (!assigneeId) return;
  const role = (await memberRoles(tx, [assigneeId])).get(assigneeId);
  if (role !== 'officer' && role !== 'admin')
    throw invalid('a task is assigned to an officer or admin of this district');
}

function taskValues(input: TaskInput) {
  const title = input.title.trim();
  if (!title) throw invalid('a task needs a title');
  return { title, dueOn: input.dueOn ?? null, assigneeId: input.assigneeId ?? null };
}

/** Unassigned, a task goes to the project's officer, or else to whoever wrote it. */
export async function createTask(
  tx: TenantTx,
  actor: AuditActor,
  project: { id: string; officerId: string | null },
  input: TaskInput,
  when: { at?: Date } = {},
) {
  const values = taskValues({ ...input, assigneeId: input.assigneeId ?? project.officerId ?? actor.userId });
  await checkAssignee(tx, values.assigneeId);
  const at = when.at ?? new Date();
  return auditedWriter(tx, actor).insert(projectTasks, {
    ...values,
    projectId: project.id,
    doneAt: input.done ? at : null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  });
}

async function getTask(tx: TenantTx, projectId: string, taskId: string) {
  const [row] = await tx
    .select()
    .from(projectTasks)
    .where(and(eq(projectTasks.id, taskId), eq(projectTasks.projectId, projectId)));
  if (!row) throw notFound('task');
  return row;
}

export async function updateTask(
  tx: TenantTx,
  actor: AuditActor,
  projectId: string,
  taskId: string,
  patch: Partial<TaskInput>,
) {
  const current = await getTask(tx, projectId, taskId);
  const values = taskValues({ ...current, ...patch });
  if (patch.assigneeId !== undefined) await checkAssignee(tx, values.assigneeId);
  const done = patch.done ?? current.doneAt !== null;
  return auditedWriter(tx, actor).update(projectTasks, taskId, {
    ...values,
    doneAt: done ? (current.doneAt ?? new Date()) : null,
    updatedAt: new Date(),
  });
}

export async function deleteTask(tx: TenantTx, actor: AuditActor, projectId: string, taskId: string) {
  await getTask(tx, projectId, taskId);
  await auditedWriter(tx, actor).remove(projectTasks, taskId);
}

/** A project's tasks: open ones first by due date, then the done ones. */
export async function listTasks(tx: TenantTx, projectId: string) {
  return tx
    .select()
    .from(projectTasks)
    .where(eq(projectTasks.projectId, projectId))
    .orderBy(
      sql`${projectTasks.doneAt} is not null`,
      sql`${projectTasks.dueOn} asc nulls last`,
      asc(projectTasks.createdAt),
    );
}

/**
 * What a user has to do: open tasks assigned to them that are overdue or due by `until`, with the project's
 * title, soonest first. A task stays on its assignee's list whatever project visibility says: it was given to them.
 */
export async function dueTasks(tx: TenantTx, userId: string, until: string) {
  return tx
    .select({ task: projectTasks, projectTitle: projects.title, projectStage: projects.stage })
    .from(projectTasks)
    .innerJoin(projects, eq(projects.id, projectTasks.projectId))
    .where(
      and(eq(projectTasks.assigneeId, userId), isNull(projectTasks.doneAt), lte(projectTasks.dueOn, until)),
    )
    .orderBy(asc(projectTasks.dueOn), asc(projectTasks.id))
    .limit(500);
}

export interface ActivityInput {
  kind: string;
  summary: string;
  occurredAt?: string | undefined;
}

export async function logActivity(
  tx: TenantTx,
  actor: AuditActor,
  projectId: string,
  input: ActivityInput,
  when: { at?: Date } = {},
) {
  if (!(activityKinds as readonly string[]).includes(input.kind))
    throw invalid(`kind must be one of ${activityKinds.join(', ')}`);
  const summary = input.summary.trim();
  if (!summary) throw invalid('an activity needs a summary');
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : (when.at ?? new Date());
  if (Number.isNaN(occurredAt.getTime())) throw invalid('occurredAt is not a date-time');
  if (occurredAt.getTime() > Date.now() + 60_000) throw invalid('an activity is logged after it happened');
  return auditedWriter(tx, actor).insert(projectActivities, {
    projectId,
    kind: input.kind,
    summary,
    occurredAt,
    byUserId: actor.userId,
    byEmail: actor.email,
    createdAt: when.at ?? new Date(),
  });
}

export async function listActivities(tx: TenantTx, projectId: string) {
  return tx
    .select()
    .from(projectActivities)
    .where(eq(projectActivities.projectId, projectId))
    .orderBy(desc(projectActivities.occurredAt), desc(projectActivities.id));
}

export async function deleteActivity(tx: TenantTx, actor: AuditActor, projectId: string, activityId: string) {
  const [row] = await tx
    .select({ id: projectActivities.id })
    .from(projectActivities)
    .where(and(eq(projectActivities.id, activityId), eq(projectActivities.projectId, projectId)));
  if (!row) throw notFound('activity');
  await auditedWriter(tx, actor).remove(projectActivities, activityId);
}
