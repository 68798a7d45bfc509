import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActivityKind, activityKinds } from '../../../domain/pipeline-enums.ts';
import { useMemberDirectory } from '../../api/members.ts';
import {
  addTask,
  logActivity,
  projectKeys,
  setTaskDone,
  useProjectActivities,
  useProjectTasks,
} from '../../api/projects.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { usePipelineLabels } from './labels.ts';

/** The project's tasks: open ones first, overdue ones marked; writers add tasks and tick them off. */
export function ProjectTasks({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tasks = useProjectTasks(projectId, true);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  // Empty: the API gives the task to the project's officer in charge, else to whoever adds it.
  const [assignee, setAssignee] = useState<string | null>(null);
  const directory = useMemberDirectory();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: projectKeys.tasks(projectId) });
    void queryClient.invalidateQueries({ queryKey: projectKeys.due });
  };
  const add = useMutation({
    mutationFn: () =>
      addTask(projectId, {
        title: title.trim(),
        dueOn: dueOn || null,
        ...(assignee ? { assigneeId: assignee } : {}),
      }),
    onSuccess: () => {
      setTitle('');
      setDueOn('');
      setAssignee(null);
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => setTaskDone(projectId, id, done),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) add.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="project-tasks">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('pipeline.tasks.title')}
        </Title>
        {tasks.isPending ? (
          <Skeleton h={40} />
        ) : tasks.isError ? (
          <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : tasks.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('pipeline.tasks.empty')}
          </Text>
        ) : (
          tasks.data.map((task) => (
            <Group key={task.id} gap="sm" wrap="nowrap">
              <Checkbox
                checked={task.done}
                disabled={!canWrite || toggle.isPending}
                onChange={(event) => toggle.mutate({ id: task.id, done: event.currentTarget.checked })}
                aria-label={task.title}
              />
              <Text size="sm" td={task.done ? 'line-through' : undefined} style={{ flex: 1 }}>
                {task.title}
              </Text>
              {task.assigneeId ? (
                <Text size="xs" c="dimmed" data-testid="task-assignee">
                  {directory.name(task.assigneeId) ?? t('board.assigned')}
                </Text>
              ) : null}
              {task.dueOn ? <Text size="xs">{task.dueOn}</Text> : null}
              {task.overdue ? (
                <Badge size="xs" color="red" variant="light">
                  {t('pipeline.tasks.overdue')}
                </Badge>
              ) : null}
            </Group>
          ))
        )}
        {canWrite ? (
          <form onSubmit={submit}>
            <Group gap="sm" align="flex-end">
              <TextInput
                label={t('pipeline.tasks.new')}
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                maxLength={300}
                style={{ flex: 1 }}
              />
              <TextInput
                type="date"
                label={t('pipeline.tasks.dueOn')}
                value={dueOn}
                onChange={(event) => setDueOn(event.currentTarget.value)}
                w={160}
              />
              <Select
                label={t('projectTools.assignee')}
                placeholder={t('projectTools.assigneeDefault')}
                data={directory.staff.map((m) => ({ value: m.id, label: m.displayName }))}
                value={assignee}
                onChange={setAssignee}
                clearable
                w={180}
                data-testid="task-assignee-picker"
              />
              <Button type="submit" variant="light" disabled={!title.trim()} loading={add.isPending}>
                {t('pipeline.tasks.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The log of calls, visits, meetings and notes, newest first. */
export function ProjectActivities({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const labels = usePipelineLabels();
  const queryClient = useQueryClient();
  const activities = useProjectActivities(projectId, true);
  const [kind, setKind] = useState<ActivityKind>('call');
  const [summary, setSummary] = useState('');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const add = useMutation({
    mutationFn: () => logActivity(projectId, { kind, summary: summary.trim() }),
    onSuccess: () => {
      setSummary('');
      void queryClient.invalidateQueries({ queryKey: projectKeys.activities(projectId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (summary.trim()) add.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="project-activities">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('pipeline.activities.title')}
        </Title>
        {activities.isPending ? (
          <Skeleton h={40} />
        ) : activities.isError ? (
          <ErrorState error={activities.error} onRetry={() => void activities.refetch()} />
        ) : activities.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('pipeline.activities.empty')}
          </Text>
        ) : (
          activities.data.map((activity) => (
            <Stack key={activity.id} gap={0}>
              <Group gap={6}>
                <Badge size="xs" variant="outline" radius="sm">
                  {labels.activity(activity.kind)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {when.format(new Date(activity.occurredAt))} · {activity.byEmail}
                </Text>
              </Group>
              <Text size="sm">{activity.summary}</Text>
            </Stack>
          ))
        )}
        {canWrite ? (
          <form onSubmit={submit}>
            <Group gap="sm" align="flex-end">
              <Select
                label={t('pipeline.activities.kind')}
                data={activityKinds.map((k) => ({ value: k, label: labels.activity(k) }))}
                value={kind}
                onChange={(value) => setKind((value as ActivityKind | null) ?? 'call')}
                allowDeselect={false}
                w={120}
              />
              <TextInput
                label={t('pipeline.activities.summary')}
                value={summary}
                onChange={(event) => setSummary(event.currentTarget.value)}
                maxLength={4000}
                style={{ flex: 1 }}
              />
              <Button type="submit" variant="light" disabled={!summary.trim()} loading={add.isPending}>
                {t('pipeline.activities.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
