import { Anchor, Badge, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDueMilestones } from '../../api/agreements.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { useAgreementRights } from './labels.ts';

/** On the home page: agreement milestones and obligations overdue or due within two weeks, mine or everyone's. */
export function DueMilestones() {
  const { t, i18n } = useTranslation();
  const rights = useAgreementRights();
  const [owner, setOwner] = useState<'me' | 'all'>('me');
  const due = useDueMilestones(owner, rights.notes);
  if (!rights.notes) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="due-milestones">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('agreements.due.title')}
          </Title>
          <SegmentedControl
            size="xs"
            value={owner}
            onChange={(v) => setOwner(v as 'me' | 'all')}
            data={[
              { value: 'me', label: t('agreements.due.mine') },
              { value: 'all', label: t('agreements.due.all') },
            ]}
          />
        </Group>
        {due.isPending ? (
          <Skeleton h={40} />
        ) : due.isError ? (
          <ErrorState error={due.error} onRetry={() => void due.refetch()} />
        ) : due.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('agreements.due.empty')}
          </Text>
        ) : (
          due.data.map((m) => (
            <Group key={m.id} gap="sm" wrap="nowrap" data-testid="due-milestone">
              <Text size="sm" w={96} ff="monospace">
                {m.dueOn}
              </Text>
              {m.overdue ? (
                <Badge size="xs" color="red" variant="light">
                  {t('agreements.milestones.overdue')}
                </Badge>
              ) : null}
              <Text size="sm" style={{ flex: 1 }}>
                {m.title}
                {owner === 'all' && m.ownerName ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {m.ownerName}
                  </Text>
                ) : null}
              </Text>
              <Anchor component={Link} to={`/agreements/${m.agreementId}`} size="sm">
                {pickName(i18n.language, m.agreementTitleZh, m.agreementTitleEn)}
              </Anchor>
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}
