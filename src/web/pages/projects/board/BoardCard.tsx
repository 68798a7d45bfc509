import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Stage } from '../../../../domain/project-stages.ts';
import { useMemberDirectory } from '../../../api/members.ts';
import type { Project } from '../../../api/projects.ts';
import { useCurrentSession } from '../../../auth/session.ts';
import { Money } from '../../../components/Money.tsx';
import { usePipelineLabels } from '../labels.ts';
import { investorName } from '../ProjectsPage.tsx';
import { dropTargets } from './moveRules.ts';

const PRIORITY_COLORS = { high: 'red', medium: 'orange', low: 'gray' } as const;

/**
 * One project on the board: what an officer scans a column for, a handle to drag it by, and a move menu of the
 * stages it may go to, for touch screens (no drag and drop there) and keyboards.
 */
export function BoardCard({
  project,
  draggable,
  canMove,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  project: Project;
  draggable: boolean;
  canMove: boolean;
  onDragStart: (project: Project) => void;
  onDragEnd: () => void;
  onMove: (project: Project, to: Stage) => void;
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
        <Group gap={4} justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500} lineClamp={2}>
            {project.title}
          </Anchor>
          {canMove && dropTargets(project).length ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={t('projectTools.board.moveMenu', { title: project.title })}
                  data-testid="board-card-move"
                >
                  ⇄
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('projectTools.board.moveTo')}</Menu.Label>
                {dropTargets(project).map((stage) => (
                  <Menu.Item
                    key={stage}
                    onClick={() => onMove(project, stage)}
                    data-testid="board-card-move-to"
                    data-stage={stage}
                  >
                    {labels.stage(stage)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
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
