import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProjects } from '../../api/projects.ts';
import { InfiniteList } from '../../components/InfiniteList.tsx';
import { Money } from '../../components/Money.tsx';
import { usePipelineLabels } from '../projects/labels.ts';
import { StageBadge } from '../projects/StageBadge.tsx';

/** The projects this partner referred and where each stands; the API returns no others to a partner. */
export function PartnerReferrals() {
  const { t, i18n } = useTranslation();
  const _labels = usePipelineLabels();
  const list = useProjects({ sort: 'created', order: 'desc' });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
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
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing={6} data-testid="portal-referrals">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pipeline.fields.title')}</Table.Th>
                    <Table.Th w={110}>{t('pipeline.fields.stage')}</Table.Th>
                    <Table.Th w={150} ta="right">
                      {t('pipeline.fields.amount')}
                    </Table.Th>
                    <Table.Th w={140}>{t('portal.referredOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((project) => (
                    <Table.Tr key={project.id} data-testid="portal-project">
                      <Table.Td>
                        <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500}>
                          {project.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StageBadge stage={project.stage} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money yuan={project.amountYuan} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{date.format(new Date(project.createdAt))}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </InfiniteList>
      </Stack>
    </Paper>
  );
}
