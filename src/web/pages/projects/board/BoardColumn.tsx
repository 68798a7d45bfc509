import { Button, Group, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../../domain/project-stages.ts';
import {
  type FunnelStage,
  type Project,
  type ProjectFilterValues,
  useProjects,
} from '../../../api/projects.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { Money } from '../../../components/Money.tsx';
import { usePipelineLabels } from '../labels.ts';
import { StageBadge } from '../StageBadge.tsx';
import { BoardCard } from './BoardCard.tsx';

/** Cards a column loads at a time: enough to fill a screen, few enough that 100,000 projects stay quick. */
const CARDS_PER_PAGE = 20;

/** How a column answers the card being dragged: a legal target, an illegal one, or the card's own column. */
export type DropState = 'allowed' | 'refused' | 'home' | null;

const dropStyles: Record<Exclude<DropState, null>, React.CSSProperties> = {
  allowed: { outline: '2px dashed var(--mantine-color-teal-6)', background: 'var(--mantine-color-teal-0)' },
  refused: { opacity: 0.45 },
  home: {},
};

/** One stage of the board: its count and amount (from the funnel, exact), and its projects a page at a time. */
export function BoardColumn({
  stage,
  filters,
  summary,
  dropState,
  canDrag,
  canMove,
  fullWidth = false,
  onDragStart,
  onDragEnd,
  onDrop,
  onMove,
}: {
  stage: Stage;
  filters: ProjectFilterValues;
  summary: FunnelStage | undefined;
  dropState: DropState;
  canDrag: boolean;
  canMove: boolean;
  /** The only column on screen (a phone): it takes the width and the page scrolls, not the column. */
  fullWidth?: boolean;
  onDragStart: (project: Project) => void;
  onDragEnd: () => void;
  onDrop: (stage: Stage) => void;
  onMove: (project: Project, to: Stage) => void;
}) {
  const { t } = useTranslation();
  const _labels = usePipelineLabels();
  const [over, setOver] = useState(false);
  // Most recently changed first, so a card just dropped here shows at the top.
  const list = useProjects({ ...filters, stage, sort: 'updated', order: 'desc' }, CARDS_PER_PAGE);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      miw={fullWidth ? undefined : 210}
      flex={fullWidth ? undefined : '1 0 210px'}
      bg="gray.0"
      style={{
        ...(dropState ? dropStyles[dropState] : {}),
        ...(over && dropState === 'allowed' ? { outlineStyle: 'solid' } : {}),
      }}
      // Every column takes the drop, so that an illegal one can be refused with its reason, not silently.
      onDragOver={(event) => {
        if (!dropState) return;
        event.preventDefault();
        // Not 'none' on an illegal column: the browser would then swallow the drop, and with it the explanation.
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        onDrop(stage);
      }}
      data-testid="board-column"
      data-stage={stage}
      data-drop={dropState ?? undefined}
    >
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <StageBadge stage={stage} />
          <Text size="sm" fw={600} data-testid="board-column-count">
            {summary?.count ?? '…'}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {summary ? <Money yuan={summary.amountYuan} size="xs" c="dimmed" /> : '…'}
        </Text>
        <ScrollArea.Autosize mah={fullWidth ? undefined : 'calc(100vh - 320px)'} type="auto">
          <Stack gap={6} pr={4}>
            {list.isPending ? (
              <>
                <Skeleton h={72} />
                <Skeleton h={72} />
              </>
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : items.length === 0 ? (
              <Text size="xs" c="dimmed" ta="center" py="md">
                {t('board.emptyColumn')}
              </Text>
            ) : (
              items.map((project) => (
                <BoardCard
                  key={project.id}
                  project={project}
                  draggable={canDrag}
                  canMove={canMove}
                  onDragStart={onDragStart}
                  onDragEnd={onDragEnd}
                  onMove={onMove}
                />
              ))
            )}
            {list.hasNextPage ? (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                data-testid="board-load-more"
              >
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}
