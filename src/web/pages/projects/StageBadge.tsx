import { Badge, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STAGE_COLORS } from './labels.ts';

/** A project stage as a coloured badge, the same on the table, board, project page, timeline and portal. */
export function StageBadge({ stage, size, testId }: { stage: string; size?: MantineSize; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      variant="light"
      color={STAGE_COLORS[stage] ?? 'gray'}
      radius="sm"
      data-testid={testId}
      data-stage={stage}
    >
      {t(`pipeline.stages.${stage}`, { defaultValue: stage })}
    </Badge>
  );
}
