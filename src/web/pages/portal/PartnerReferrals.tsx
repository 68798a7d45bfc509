import { Badge, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Project, useProjects } from '../../api/projects.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { InfiniteList } from '../../components/InfiniteList.tsx';
import { Money } from '../../components/Money.tsx';
import { projectTitleColumn } from '../projects/projectColumns.tsx';
import { StageBadge } from '../projects/StageBadge.tsx';

/** The projects this partner referred and where each stands; the API returns no others to a partner. */
export function PartnerReferrals() {
  const { t, i18n } = useTranslation();
  const list = useProjects({ sort: 'created', order: 'desc' });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const columns: Column<Project>[] = [
    projectTitleColumn(t),
    { header: t('pipeline.fields.stage'), w: 110, cell: (project) => <StageBadge stage={project.stage} /> },
    {
      header: t('pipeline.fields.amount'),
      w: 150,
      align: 'right',
      cell: (project) => <Money yuan={project.amountYuan} />,
    },
    { header: t('portal.referredOn'), w: 140, text: (project) => date.format(new Date(project.createdAt)) },
  ];
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('portal.referrals')}
          </Title>
          {list.data ? (
            <Badge variant="light" data-testid="portal-total">
              {t('pipeline.total', { count: list.data.pages[0]?.total ?? 0 })}
            </Badge>
          ) : null}
        </Group>
        <InfiniteList query={list} items={items} empty={t('portal.noReferrals')}>
          {(rows) => (
            <DataTable
              columns={columns}
              rows={rows}
              rowTestId="portal-project"
              minWidth={640}
              highlightOnHover={false}
              data-testid="portal-referrals"
            />
          )}
        </InfiniteList>
      </Stack>
    </Paper>
  );
}
