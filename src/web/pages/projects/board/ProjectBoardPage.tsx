import { Alert, Button, Group, ScrollArea, Select, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
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
  const funnel = useFunnel(filters, 'none', 'month', 'current');
  const summary = funnel.data?.groups[0]?.stages;
  const [dragging, setDragging] = useState<Project | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // A phone shows one stage at a time, picked from a switcher; cards move there by their menu, not by dragging.
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const [shown, setShown] = useState<Stage>('lead');

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

  /** A drop or a menu choice: refused with the allowed moves, asked for its details, or sent. */
  const requestMove = (project: Project, to: Stage) => {
    if (to === project.stage) return;
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

  const drop = (to: Stage) => {
    const project = dragging;
    setDragging(null);
    if (project) requestMove(project, to);
  };

  const column = (stage: Stage, fullWidth = false) => (
    <BoardColumn
      key={stage}
      stage={stage}
      filters={filters}
      summary={summary?.find((s) => s.stage === stage)}
      dropState={dropState(stage)}
      canDrag={rights.write && !move.isPending && !narrow}
      canMove={rights.write && !move.isPending}
      fullWidth={fullWidth}
      // The refusal stays until the next drop: closing it now would shift the columns under the pointer.
      onDragStart={setDragging}
      onDragEnd={() => setDragging(null)}
      onDrop={drop}
      onMove={requestMove}
    />
  );

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

      {narrow ? (
        <Stack gap="sm" data-testid="board">
          <Select
            label={t('projectTools.board.stage')}
            data={stages.map((stage) => {
              const count = summary?.find((s) => s.stage === stage)?.count;
              return {
                value: stage,
                label: `${labels.stage(stage)}${count === undefined ? '' : ` (${count})`}`,
              };
            })}
            value={shown}
            onChange={(value) => setShown((value as Stage | null) ?? 'lead')}
            allowDeselect={false}
            data-testid="board-stage-switcher"
          />
          {column(shown, true)}
        </Stack>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Group gap="sm" align="flex-start" wrap="nowrap" pb="sm" data-testid="board">
            {stages.map((stage) => column(stage))}
          </Group>
        </ScrollArea>
      )}

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
