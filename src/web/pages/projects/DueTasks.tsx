import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDueTasks } from '../../api/projects.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { usePipelineRights } from './roles.ts';

/** On the home page: the signed-in officer's open tasks that are overdue or due within a week. */
export function DueTasks() {
  const { t } = useTranslation();
  const rights = usePipelineRights();
  const due = useDueTasks(rights.write);
  if (!rights.write) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="due-tasks">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('pipeline.due.title')}
        </Title>
        {due.isPending ? (
          <Skeleton h={40} />
        ) : due.isError ? (
          <ErrorState error={due.error} onRetry={() => void due.refetch()} />
        ) : due.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('pipeline.due.empty')}
          </Text>
        ) : (
          due.data.map((task) => (
            <Group key={task.id} gap="sm" wrap="nowrap" data-testid="due-task">
              <Text size="sm" w={96} ff="monospace">
                {task.dueOn}
              </Text>
              {task.overdue ? (
                <Badge size="xs" color="red" variant="light">
                  {t('pipeline.tasks.overdue')}
                </Badge>
              ) : null}
              <Text size="sm" style={{ flex: 1 }}>
                {task.title}
              </Text>
              <Anchor component={Link} to={`/projects/${task.projectId}`} size="sm">
                {task.projectTitle}
              </Anchor>
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}
