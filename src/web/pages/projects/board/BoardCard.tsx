import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMemberDirectory } from '../../../api/members.ts';
import type { Project } from '../../../api/projects.ts';
import { useCurrentSession } from '../../../auth/session.ts';
import { Money } from '../../../components/Money.tsx';
import { usePipelineLabels } from '../labels.ts';
import { investorName } from '../ProjectsPage.tsx';

const PRIORITY_COLORS = { high: 'red', medium: 'orange', low: 'gray' } as const;

/** One project on the board: what an officer scans a column for, and a handle to drag it by. */
export function BoardCard({
  project,
  draggable,
  onDragStart,
  onDragEnd,
}: {
  project: Project;
  draggable: boolean;
  onDragStart: (project: Project) => void;
  onDragEnd: () => void;
}) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const { user } = useCurrentSession();
  const directory = useMemberDirectory();
  // A partner may not read the directory: it is told only whether someone is in charge.
  const officer = !project.officerId
    ? t('board.unassigned')
    : project.officerId === user.id
      ? t('board.mine')
      : (directory.name(project.officerId) ?? t('board.assigned'));
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      draggable={draggable}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', project.id);
        event.dataTransfer.effectAllowed = 'move';
        onDragStart(project);
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: draggable ? 'grab' : undefined }}
      data-testid="board-card"
      data-project-id={project.id}
      data-stage={project.stage}
    >
      <Stack gap={4}>
        <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500} lineClamp={2}>
          {project.title}
        </Anchor>
        <Text size="xs" c="dimmed" truncate>
          {investorName(project, labels) ?? t('common.notRecorded')}
        </Text>
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Money yuan={project.amountYuan} size="xs" />
          <Group gap={4} wrap="nowrap">
            {project.major ? (
              <Badge size="xs" color="grape" variant="light">
                {t('pipeline.major')}
              </Badge>
            ) : null}
            <Badge size="xs" variant="dot" color={PRIORITY_COLORS[project.priority]}>
              {labels.priority(project.priority)}
            </Badge>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('board.officer', { officer })}
        </Text>
      </Stack>
    </Paper>
  );
}
