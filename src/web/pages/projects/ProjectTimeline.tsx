import { Badge, Group, Paper, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProjectAudit, useProjectHistory } from '../../api/projects.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { usePipelineLabels } from './labels.ts';
import { StageBadge } from './StageBadge.tsx';

const days = (seconds: number) => Math.round((seconds / 86_400) * 10) / 10;

/** The stage moves, oldest first: who, when, the note and reason, and how long the stage before lasted. */
export function StageTimeline({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const labels = usePipelineLabels();
  const history = useProjectHistory(projectId);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder p="md" radius="md" data-testid="stage-timeline">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('pipeline.history.title')}
        </Title>
        {history.isPending ? (
          <Skeleton h={120} />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <>
            <Timeline active={history.data.moves.length - 1} bulletSize={14} lineWidth={2}>
              {history.data.moves.map((move) => (
                <Timeline.Item
                  key={move.id}
                  title={
                    <Group gap={6}>
                      <StageBadge stage={move.to} size="sm" />
                      {move.reason ? <Text size="sm">{labels.reason(move.reason)}</Text> : null}
                    </Group>
                  }
                  data-testid="stage-timeline-item"
                >
                  <Text size="xs" c="dimmed">
                    {when.format(new Date(move.at))} · {move.byEmail}
                    {move.from && move.secondsInFrom !== null
                      ? ` · ${t('pipeline.history.after', { days: days(move.secondsInFrom), stage: labels.stage(move.from) })}`
                      : ''}
                  </Text>
                  {move.note ? <Text size="sm">{move.note}</Text> : null}
                </Timeline.Item>
              ))}
            </Timeline>
            <Group gap="xs">
              {history.data.timeInStage.map((entry) => (
                <Badge key={entry.stage} variant="outline" color="gray" radius="sm" tt="none">
                  {t('pipeline.history.timeIn', {
                    stage: labels.stage(entry.stage),
                    days: days(entry.seconds),
                  })}
                </Badge>
              ))}
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Every change to the project record, newest first, from the audit trail. */
export function ProjectAudit({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useProjectAudit(projectId, true);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder p="md" radius="md" data-testid="project-audit">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('pipeline.audit.title')}
        </Title>
        {audit.isPending ? (
          <Skeleton h={60} />
        ) : audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          audit.data.map((entry) => {
            const before = entry.before ?? {};
            const after = entry.after ?? {};
            const changed = Object.keys(after).filter(
              (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
            );
            return (
              <Text size="sm" key={entry.id}>
                <Text span c="dimmed" size="xs">
                  {when.format(new Date(entry.at))} · {entry.actorEmail}
                </Text>{' '}
                {t(`audit.actions.${entry.action}`)}
                {entry.action === 'update' ? `: ${changed.join(', ')}` : ''}
              </Text>
            );
          })
        )}
      </Stack>
    </Paper>
  );
}
