import { Alert, Button, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Stage, stages } from '../../../../domain/project-stages.ts';
import { isApiError } from '../../../api/client.ts';
import { moveProject, type Project, projectKeys, useFunnel } from '../../../api/projects.ts';
import { usePipelineLabels } from '../labels.ts';
import { ProjectFilterBar, useProjectFilterState } from '../ProjectFilterBar.tsx';
import { usePipelineRights } from '../roles.ts';
import { BoardColumn, type DropState } from './BoardColumn.tsx';
import { type MoveDetails, MoveDetailsModal } from './MoveDetailsModal.tsx';
import { dropTargets, moveNeeds } from './moveRules.ts';

interface PendingMove {
  project: Project;
  to: Stage;
  need: 'reason' | 'creditCode';
}

/**
 * The pipeline as a kanban board: a column per stage, cards dragged between them. While a card is dragged the
 * columns the state machine allows light up; a drop anywhere else is refused with the moves that are allowed.
 */
export function ProjectBoardPage() {
  const { t, i18n } = useTranslation();
  const labels = usePipelineLabels();
  const rights = usePipelineRights();
  const queryClient = useQueryClient();
  const filterState = useProjectFilterState();
  // The columns are the stages, so the stage filter is left out.
  const { stage: _stage, ...filters } = filterState.filters;
  const funnel = useFunnel(filters);
  const summary = funnel.data?.groups[0]?.stages;
  const [dragging, setDragging] = useState<Project | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const move = useMutation({
    mutationFn: ({ project, to, details }: { project: Project; to: Stage; details: MoveDetails }) =>
      moveProject(project.id, { to, ...details }),
    onSuccess: () => {
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
    onError: (error) => {
      setPending(null);
      setRefusal(isApiError(error) ? (error.detail ?? error.title) : t('errors.loadFailed'));
    },
  });

  const targets = dragging ? dropTargets(dragging) : [];
  const dropState = (stage: Stage): DropState => {
    if (!dragging) return null;
    if (stage === dragging.stage) return 'home';
    return targets.includes(stage) ? 'allowed' : 'refused';
  };

  const drop = (to: Stage) => {
    const project = dragging;
    setDragging(null);
    if (!project || to === project.stage) return;
    const allowed = dropTargets(project);
    if (!allowed.includes(to)) {
      const why = allowed.length
        ? t('board.allowedMoves', {
            stages: new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(
              allowed.map(labels.stage),
            ),
          })
        : t('board.finalStage', { stage: labels.stage(project.stage) });
      setRefusal(
        t('board.refused', {
          title: project.title,
          from: labels.stage(project.stage),
          to: labels.stage(to),
          why,
        }),
      );
      return;
    }
    setRefusal(null);
    const need = moveNeeds(project, to);
    if (need) setPending({ project, to, need });
    else move.mutate({ project, to, details: {} });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('board.title')}
          </Title>
          <Text c="dimmed">{rights.write ? t('board.subtitle') : t('board.readOnly')}</Text>
        </Stack>
        <Button component={Link} to="/projects" variant="default" data-testid="board-to-table">
          {t('board.toTable')}
        </Button>
      </Group>

      <ProjectFilterBar state={filterState} withStage={false} />

      {refusal ? (
        <Alert
          color="red"
          withCloseButton
          onClose={() => setRefusal(null)}
          title={t('board.refusedTitle')}
          role="alert"
          data-testid="board-refusal"
        >
          {refusal}
        </Alert>
      ) : null}

      <ScrollArea type="auto" offsetScrollbars>
        <Group gap="sm" align="flex-start" wrap="nowrap" pb="sm" data-testid="board">
          {stages.map((stage) => (
            <BoardColumn
              key={stage}
              stage={stage}
              filters={filters}
              summary={summary?.find((s) => s.stage === stage)}
              dropState={dropState(stage)}
              canDrag={rights.write && !move.isPending}
              // The refusal stays until the next drop: closing it now would shift the columns under the pointer.
              onDragStart={setDragging}
              onDragEnd={() => setDragging(null)}
              onDrop={drop}
            />
          ))}
        </Group>
      </ScrollArea>

      {pending ? (
        <MoveDetailsModal
          project={pending.project}
          to={pending.to}
          need={pending.need}
          pending={move.isPending}
          onSubmit={(details) => move.mutate({ project: pending.project, to: pending.to, details })}
          onCancel={() => setPending(null)}
        />
      ) : null}
    </Stack>
  );
}
